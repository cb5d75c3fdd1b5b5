package knowledge

import (
	"strings"
	"testing"
)

// FuzzMatch feeds arbitrary text to Match and Complete: whatever arrives from a
// chat, the matcher must not panic and its result must keep its contract.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{
		"who chaired the first oewg", "apa itu A/RES/73/27", "norma 13(f)", "ke-6", "2019-21",
		"", " ", "🙂🙂🙂", "中文问题", "A/", "//////", "13(", "norma ", "@", "/ask@bot", "'s",
		strings.Repeat("a", 5000), strings.Repeat("gge ", 2000), "\xff\xfe", "ＡＢＣ", "negara-negara-negara",
	} {
		f.Add(s)
	}
	m := testMatcher(f)
	f.Fuzz(func(t *testing.T, q string) {
		res := m.Match(q, ID)
		if res.Lang != EN && res.Lang != ID {
			t.Fatalf("Match(%q).Lang = %q", q, res.Lang)
		}
		if res.Answered && (res.Best.Fact == nil || len(res.Candidates) == 0 || res.Candidates[0].Fact != res.Best.Fact) {
			t.Fatalf("Match(%q) answered without a consistent best candidate: %+v", q, res)
		}
		if len(res.Suggestions) > maxSuggestions || res.Answered && len(res.Suggestions) > 0 {
			t.Fatalf("Match(%q) suggestions %d (answered %v)", q, len(res.Suggestions), res.Answered)
		}
		if res.OffTopic && (res.Answered || len(res.Suggestions) > 0) {
			t.Fatalf("Match(%q) off-topic but answered or suggesting", q)
		}
		for i := 1; i < len(res.Candidates); i++ {
			if better(res.Candidates[i], res.Candidates[i-1]) {
				t.Fatalf("Match(%q) candidates out of order", q)
			}
		}
		if got := m.Complete(q, EN, 3); len(got) > 3 {
			t.Fatalf("Complete(%q) returned %d > 3", q, len(got))
		}
		DetectLang(q)
	})
}
