package knowledge

import (
	"strings"
	"testing"
)

// TestNumberedOrdinals: chat writes an Indonesian ordinal with its number, glued or
// not ("GGE ke3", "OEWG ke-2", "ke 6"); it reads as the ordinal word, unless a counted
// noun follows ("ke 11 norma" is "to 11 norms").
func TestNumberedOrdinals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"laporan GGE ke3 isinya apa", "laporan GGE ketiga isinya apa"},
		{"OEWG ke-2 ketuanya sp", "OEWG kedua ketuanya sp"},
		{"yg ke 6?", "yg keenam?"},
		{"GGE KE4", "GGE keempat"},
		{"subscribe ke 11 norma", "subscribe ke 11 norma"},
		{"kemarin ke 2024", "kemarin ke 2024"},
		{"keenam", "keenam"},
	} {
		if got := ExpandOrdinals(c.in); got != c.want {
			t.Errorf("ExpandOrdinals(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	m := embeddedMatcher(t)
	for _, c := range []struct{ q, want string }{
		{"ketua GGE ke3 siapa", "gge-2012-2013"},
		{"GGE ke4 anggotanya brp", "gge-2014-2015"},
		{"OEWG ke2 ketuanya sp", "person-burhan-gafoor"},
		{"norma ke3 isinya apa", "norm-13c-territory-misuse"},
		{"what does the eleventh norm say?", "norm-13k-emergency-response-teams"},
		// A bare digit after a series' name is its place (resolver.numbered_series);
		// a year after it is not.
		{"OEWG 2 ketuanya siapa", "person-burhan-gafoor"},
		{"who chaired GGE 3?", "gge-2012-2013"},
		{"OEWG 2019-2021 dipimpin siapa", "person-jurg-lauber"},
		// A norm named by its number (norm_ordinals.number_words).
		{"norma nomor 3 isinya apa", "norm-13c-territory-misuse"},
		{"what does norm number 10 say?", "norm-13j-vulnerability-reporting"},
	} {
		if r := m.Match(c.q, ""); !r.Answered || r.Best.Fact.ID != c.want {
			t.Errorf("Match(%q) = %v (answered %v), want %s", c.q, rankedIDs(r), r.Answered, c.want)
		}
	}
}

// TestNumberedOrdinalsFromVocab: the prefixes and the ordinal words come from
// vocab/followup.toml: every prefix with every place reads as that place's word.
func TestNumberedOrdinalsFromVocab(t *testing.T) {
	if len(followWords.ordinalPrefixes) == 0 {
		t.Fatal("resolver.ordinal_prefixes is empty")
	}
	for _, p := range followWords.ordinalPrefixes {
		for i, w := range followWords.ordinalsID {
			n := strings.TrimLeft(string(rune('0'+(i+1)%10)), "")
			if i+1 >= 10 {
				n = "1" + string(rune('0'+(i+1)%10))
			}
			if got := ExpandOrdinals(p + n); got != w {
				t.Errorf("ExpandOrdinals(%q) = %q, want %q (resolver.ordinals_id)", p+n, got, w)
			}
		}
	}
}
