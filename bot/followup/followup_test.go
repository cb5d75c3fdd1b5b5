package followup

import (
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func TestResolveFollowUp(t *testing.T) {
	base := studyfix.Base(t)
	r, m := New(base), knowledge.NewMatcher(base)
	oewg, report := "oewg-2019-2021", "gge-2015-report"
	tests := []struct {
		name string
		q    string
		last string
		want string // "" = not a follow-up
	}{
		{"EN who chaired it", "who chaired it?", oewg, "who chaired OEWG 2019–2021?"},
		{"ID siapa ketuanya", "siapa ketuanya?", oewg, "siapa ketua OEWG 2019–2021?"},
		{"EN when was that", "when was that?", report, "when was 2015 GGE report?"},
		{"ID kapan itu", "kapan itu?", report, "kapan 2015 GGE report?"},
		{"ID berapa anggotanya", "berapa anggotanya?", oewg, "berapa anggota OEWG 2019–2021?"},
		{"EN its members", "how many were its members?", oewg, "how many were OEWG 2019–2021's members?"},
		{"EN and the 2021 one", "and the 2021 one?", report, "GGE consensus report 2021"},
		{"ID yang 2021", "yang 2021?", report, "GGE consensus report 2021"},
		{"EN what about the vote", "and what about the vote?", oewg, "and what about the vote OEWG 2019–2021?"},
		{"a question naming its subject stands alone", "who chaired the GGE in 2017?", oewg, ""},
		{"a symbol names its subject", "what is A/76/135 about?", oewg, ""},
		{"a lower-case acronym names its subject", "when was it adopted by the gge?", oewg, ""},
		{"the UN in general is not a subject", "kapan PBB mengesahkannya?", report, "kapan PBB mengesahkan 2015 GGE report?"},
		{"shouting is still a follow-up", "WHO CHAIRED IT?", oewg, "WHO CHAIRED OEWG 2019–2021?"},
		{"long questions stand alone", "can you tell me more about how the working group reached consensus in the end?", oewg, ""},
		{"no back-reference", "what are the 11 norms?", oewg, ""},
		{"plain Indonesian -nya words are not references", "sebenarnya apa norma siber?", oewg, ""},
		{"a subject named with itu is a new question", "GGE itu apa?", oewg, ""},
		{"a kind of thing asked about is a new question", "norma itu apa?", oewg, ""},
		{"a bare angle leans on the last answer", "kapan dibentuk?", oewg, "kapan dibentuk OEWG 2019–2021?"},
		{"ID kalau tahun 2010", "kalau tahun 2010?", report, "GGE consensus report 2010"},
		{"a year with content of its own is not a year-only follow-up", "Who won the 2022 World Cup?", report, ""},
		{"ID a year with content of its own", "skor persib vs persija 2023 brp?", report, ""},
		{"no previous answer", "who chaired it?", "", ""},
		{"previous fact no longer in the base", "who chaired it?", "gone", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := r.Resolve(tt.q, m.Read(m.Parse(tt.q)), tt.last)
			if ok != (tt.want != "") || got != tt.want {
				t.Fatalf("Resolve(%q) = %q %v, want %q", tt.q, got, ok, tt.want)
			}
		})
	}
}

// TestFollowUpAfterAPerson: after an answer about a person, "he" and "-nya" mean the
// person, while "it", "that" and "itu" mean the body they chaired.
func TestFollowUpAfterAPerson(t *testing.T) {
	facts := append([]studyfix.Fact{}, studyfix.Facts...)
	facts = append(facts, studyfix.Fact{ID: "person-jurg-lauber", Kind: "person", Topics: []string{"oewg", "people"}, Body: "OEWG 2019–2021",
		Aliases: []string{"Jürg Lauber", "Lauber"},
		Title:   "Jürg Lauber (Switzerland), chair of the first OEWG", Answer: "Jürg Lauber of Switzerland chaired the first OEWG (2019–2021)."})
	base := studyfix.Base(t, facts...)
	r, m := New(base), knowledge.NewMatcher(base)
	lauber := "person-jurg-lauber"
	tests := []struct{ q, want string }{
		{"when was that?", "when was OEWG 2019–2021?"},
		{"kapan itu dibentuk?", "kapan OEWG 2019–2021 dibentuk?"},
		{"when did it end?", "when did OEWG 2019–2021 end?"},
		{"where is he from?", "where is Jürg Lauber from?"},
		{"apa jabatannya?", "apa jabatan Jürg Lauber?"},
		{"siapa ketuanya?", "siapa ketua OEWG 2019–2021?"},
		{"kapan dibentuk?", "kapan dibentuk OEWG 2019–2021?"},
	}
	for _, tt := range tests {
		if got, ok := r.Resolve(tt.q, m.Read(m.Parse(tt.q)), lauber); !ok || got != tt.want {
			t.Errorf("Resolve(%q) = %q %v, want %q", tt.q, got, ok, tt.want)
		}
	}
}

// BenchmarkFollowUpResolution measures Resolve on a follow-up question.
func BenchmarkFollowUpResolution(b *testing.B) {
	base := studyfix.Base(b)
	r, m := New(base), knowledge.NewMatcher(base)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := r.Resolve("siapa ketuanya?", m.Read(m.Parse("siapa ketuanya?")), "oewg-2019-2021"); !ok {
			b.Fatal("not resolved")
		}
	}
}

// TestFollowUpOnTheShippedBase: on the embedded facts, a reaction is no follow-up, a
// fact about a thing a body made is named by its own name, a body noun after a person
// asks about their body, and another letter of a lettered list names its sibling.
func TestFollowUpOnTheShippedBase(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, m := New(base), knowledge.NewMatcher(base)
	tests := []struct {
		name, q, last string
		want          string // the rewrite contains this; "" = not a follow-up
	}{
		{"a reaction asks nothing", "haha susah juga", "gge-2015-report", ""},
		{"an acknowledgement asks nothing", "oke mantap sekali", "gge-2015-report", ""},
		{"a bare angle still leans back", "kapan dibentuk?", "person-jurg-lauber", "OEWG 2019–2021"},
		{"a thing a body made is named by its own name", "when did it launch?", "poc-directory", "PoC Directory"},
		{"a body named with -nya after a person is their body", "grupnya gagal kenapa?", "person-karsten-geier", "GGE 2016–2017"},
		{"a body named with itu is the body", "komite itu dibentuk kapan?", "indonesia-rapporteur-cybercrime", "Ad Hoc Committee on Cybercrime"},
		{"another letter of the norms", "yang (k)?", "norm-13f-critical-infrastructure", "norm 13k"},
		{"another letter, in English", "and 13(c)?", "norm-13f-critical-infrastructure", "norm 13c"},
		{"a letter after something not lettered is no sibling", "yang (k)?", "gge-2015-report", "GGE 2015"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := r.Resolve(tt.q, m.Read(m.Parse(tt.q)), tt.last)
			if ok != (tt.want != "") || !strings.Contains(got, tt.want) {
				t.Fatalf("Resolve(%q) after %s = %q %v, want one containing %q", tt.q, tt.last, got, ok, tt.want)
			}
		})
	}
}

// TestAbout: the second reading of a short question that names something of its own
// names the last answer's subject after it; long questions, document symbols, the
// base's acronyms and messages that ask nothing get none.
func TestAbout(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r := New(base)
	tests := []struct{ q, last, want string }{
		{"indonesia jadi apa di situ?", "faouzia-boumaiza-mebarki", "indonesia jadi apa di situ Ad Hoc Committee on Cybercrime?"},
		{"was it a UN resolution?", "joint-statement-2019", "was it a UN resolution Joint Statement on Advancing Responsible State Behavior in Cyberspace?"},
		{"what is A/RES/70/237?", "gge-2015-report", ""},
		{"can you tell me how the working group reached its consensus in the end?", "oewg-2019-2021", ""},
		{"mantap", "oewg-2019-2021", ""},
		{"indonesia ikut GGE ga?", "budapest-convention", ""},
		{"who chaired it?", "no-such-fact", ""},
	}
	for _, tt := range tests {
		got, ok := r.About(tt.q, tt.last)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("About(%q) after %s = %q %v, want %q", tt.q, tt.last, got, ok, tt.want)
		}
	}
}

// TestPosition: a follow-up that names only a place in a series is read as that place;
// one that says anything more is not.
func TestPosition(t *testing.T) {
	cases := []struct {
		q       string
		n, step int
		ok      bool
	}{
		{"and the second?", 2, 0, true},
		{"and the sixth one?", 6, 0, true},
		{"kalau yang keenam gimana?", 6, 0, true},
		{"what about the next one?", 0, 1, true},
		{"yang sebelumnya?", 0, -1, true},
		{"the second session?", 0, 0, false},
		{"sebelumnya siapa?", 0, 0, false},
		{"the first and the second?", 0, 0, false},
		{"what happened next?", 0, 0, false},
	}
	for _, c := range cases {
		n, step, ok := position(c.q)
		if n != c.n || step != c.step || ok != c.ok {
			t.Errorf("position(%q) = %d, %d, %v; want %d, %d, %v", c.q, n, step, ok, c.n, c.step, c.ok)
		}
	}
}

// TestAsksWhatNext: only a message that asks what came next, and names nothing of its
// own, walks forward in time.
func TestAsksWhatNext(t *testing.T) {
	cases := map[string]bool{
		"what happened next?":                true,
		"habis itu gimana?":                  true,
		"setelah itu apa yang terjadi?":      true,
		"and then?":                          true,
		"what happened to the report after?": false,
		"kapan berlaku?":                     false,
		"ok":                                 false,
	}
	for q, want := range cases {
		if got := asksWhatNext(q); got != want {
			t.Errorf("asksWhatNext(%q) = %v, want %v", q, got, want)
		}
	}
}
