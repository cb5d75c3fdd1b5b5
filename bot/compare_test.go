package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// A comparison whose second side is only an ordinal or a year ("the first and
// second OEWG", "the 2010 report and the 2013 one"), or a short name the
// decision alone would refuse, is answered with both sides, each with its own
// source, and never with a comparison fact about other things.
func TestComparisonComposesBothSides(t *testing.T) {
	b := embeddedBot(t)
	for _, tt := range []struct {
		q    string
		want []string
		not  string
	}{
		{"what is the difference between the first and the second OEWG?", []string{"oewg-2019-2021", "oewg-2021-2025"}, "cybercrime-vs-cybersecurity"},
		{"ketua OEWG pertama sama kedua beda ga?", []string{"person-jurg-lauber", "person-burhan-gafoor"}, ""},
		{"how does the 2010 GGE report differ from the 2013 one?", []string{"gge-2010-report", "gge-2013-report"}, ""},
		// A side named in a few words that the decision alone would refuse.
		{"apa perbedaan Konvensi Budapest dengan konvensi PBB soal cybercrime?", []string{"budapest-convention", "cybercrime-convention"}, ""},
		// Two named conventions joined by "sama" are two names, not one unknown
		// "Budapest … Hanoi Convention"; a clause after a comma ("mana yang …")
		// asks about the two.
		{"Budapest Convention sama Hanoi Convention bedanya apa", []string{"budapest-convention", "cybercrime-convention"}, ""},
		{"Budapest Convention sama Hanoi Convention, mana yang udah berlaku?", []string{"budapest-convention", "cybercrime-convention"}, ""},
		// "the GGE norms" are the 11 norms of the 2015 report.
		{"SCO code of conduct versus the GGE norms?", []string{"sco-code-of-conduct", "norms-11-overview"}, ""},
		{"Tallinn Manual vs norma GGE, mana yang mengikat?", []string{"tallinn-manuals", "norms-11-overview"}, ""},
		// "gimana hubungannya" asks how the two relate.
		{"PoA sama OEWG kedua gimana hubungannya?", []string{"programme-of-action", "oewg-2021-2025"}, ""},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		got := a.Reply.Outcome.FactIDs
		for _, id := range tt.want {
			if !a.Answered() || !slices.Contains(got, id) {
				t.Errorf("Ask(%q) rests on %v, want %s among them", tt.q, got, id)
			}
		}
		if tt.not != "" && slices.Contains(got, tt.not) {
			t.Errorf("Ask(%q) rests on %v, not on %s", tt.q, got, tt.not)
		}
		if a.Answered() && len(a.Reply.Sources) < 2 {
			t.Errorf("Ask(%q) cites %d sources, want one per side", tt.q, len(a.Reply.Sources))
		}
	}
}

// Asking whether two things are the same ("X sama Y sama gak") or which came first
// ("mana yang lebih dulu, X atau Y") compares them without a word of difference:
// both sides are answered, each with its source.
func TestComparisonSameOrFirst(t *testing.T) {
	b := embeddedBot(t)
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"konvensi budapest sama konvensi hanoi sama gak sih", []string{"budapest-convention", "cybercrime-convention"}},
		{"mana lebih dulu konvensi budapest atau konvensi PBB soal cybercrime", []string{"budapest-convention", "cybercrime-convention"}},
		{"is the Paris Call the same thing as the 2019 joint statement?", []string{"paris-call"}},
		{"which came first, the Tallinn Manual or Tallinn Manual 2.0?", []string{"tallinn-manual-2013", "tallinn-manual-2-0"}},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		got := a.Reply.Outcome.FactIDs
		for _, id := range tt.want {
			if !a.Answered() || !slices.Contains(got, id) {
				t.Errorf("Ask(%q) rests on %v, want %s among them", tt.q, got, id)
			}
		}
		if a.Answered() && len(a.Reply.Sources) < 2 {
			t.Errorf("Ask(%q) cites %d sources, want one per side", tt.q, len(a.Reply.Sources))
		}
	}
}

// A list of short names before the last side ("GGE, OEWG, sama Global Mechanism")
// compares every one of them, each with its source.
func TestComparisonOfThree(t *testing.T) {
	b := embeddedBot(t)
	for _, q := range []string{
		"GGE, OEWG, sama Global Mechanism bedanya apa aja",
		"what is the difference between the GGE, the OEWG and the Global Mechanism?",
	} {
		a := b.Ask(context.Background(), q, "")
		got := a.Reply.Outcome.FactIDs
		if !a.Answered() || len(got) < 3 || !slices.Contains(got, "global-mechanism") {
			t.Errorf("Ask(%q) rests on %v, want three sides with global-mechanism", q, got)
		}
		if a.Answered() && len(a.Reply.Sources) < 3 {
			t.Errorf("Ask(%q) cites %d sources, want one per side", q, len(a.Reply.Sources))
		}
	}
}

// "Which came first?" is answered by the sides' dates: the first line names the
// earlier side before the later one, each with its date, and both sides follow
// with their sources, even where a fact comparing the two would otherwise answer.
// What two things share ("persamaan", "in common") is asked of the fact that
// compares them.
func TestComparisonAnswersTheAttribute(t *testing.T) {
	b := embeddedBot(t)
	for _, tt := range []struct {
		q       string
		want    []string
		first   []string // in the first line, in this order
		sources int
	}{
		{"the UN cybercrime convention or the Budapest Convention, which came first?", []string{"budapest-convention", "cybercrime-convention"}, []string{"Budapest", "2001", "2024"}, 2},
		{"A/RES/73/266 atau A/RES/73/27, mana yg duluan?", []string{"ares-73-27", "ares-73-266"}, []string{"73/27", "5 Des 2018", "73/266", "22 Des 2018"}, 2},
		// A side too short to name one fact alone ("resolusi GGE") is read with
		// the other side's fact, which it lists as related.
		{"mana yang duluan di Desember 2018, resolusi GGE atau resolusi OEWG?", []string{"ares-73-27", "ares-73-266"}, []string{"73/27", "73/266"}, 2},
		// "masing-masing" asks the same thing of each side.
		{"siapa ketua OEWG pertama dan kedua masing-masing?", []string{"person-jurg-lauber", "person-burhan-gafoor"}, nil, 2},
		{"the GGE and the OEWG: how many members respectively?", []string{"oewg-vs-gge"}, nil, 1},
		{"apa saja persamaan OEWG dan GGE?", []string{"oewg-vs-gge"}, nil, 1},
		{"what do the OEWG and the GGE have in common?", []string{"oewg-vs-gge"}, nil, 1},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		got := a.Reply.Outcome.FactIDs
		for _, id := range tt.want {
			if !a.Answered() || !slices.Contains(got, id) {
				t.Errorf("Ask(%q) rests on %v, want %s among them", tt.q, got, id)
			}
		}
		if a.Answered() && len(a.Reply.Sources) < tt.sources {
			t.Errorf("Ask(%q) cites %d sources, want at least %d", tt.q, len(a.Reply.Sources), tt.sources)
		}
		if len(tt.first) == 0 || len(a.Reply.Blocks) == 0 {
			continue
		}
		var line strings.Builder
		for _, s := range a.Reply.Blocks[0].Spans {
			line.WriteString(s.Text)
		}
		at := 0
		for _, w := range tt.first {
			i := strings.Index(line.String()[at:], w)
			if i < 0 {
				t.Errorf("Ask(%q) first line %q: want %q after position %d", tt.q, line.String(), w, at)
				break
			}
			at += i + len(w)
		}
	}
}

// The first sentence of an answer does not end at an abbreviation before a
// number ("ETS No. 185") or at an initial ("Michael N. Schmitt").
func TestFirstSentence(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"The Convention on Cybercrime (ETS No. 185) is a treaty. It opened in 2001.", "The Convention on Cybercrime (ETS No. 185) is a treaty."},
		{"Directed by Michael N. Schmitt. Published 2013.", "Directed by Michael N. Schmitt."},
		{"One sentence only", "One sentence only"},
	} {
		if got := firstSentence(tt.in); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A comparison of two series' members reads each side's year or ordinal with its
// own name: "GGE 2015 vs OEWG report" is no OEWG of 2015, "OEWG pertama atau GGE
// keenam" no sixth OEWG; a side that names a member that never existed is still
// refused.
func TestComparisonQualifiersStayWithTheirSide(t *testing.T) {
	b := embeddedBot(t)
	for _, tt := range []struct {
		q    string
		want []string // nil: must refuse
	}{
		{"the 2015 GGE report vs the OEWG report — how do they differ?", []string{"gge-2015-report"}},
		{"mana yang lebih dulu, OEWG pertama atau GGE keenam?", []string{"oewg-2019-2021", "gge-2019-2021"}},
		{"apa bedanya GGE kedelapan dengan OEWG pertama?", nil},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		got := a.Reply.Outcome.FactIDs
		if tt.want == nil {
			if a.Answered() && len(got) > 0 {
				t.Errorf("Ask(%q) answered from %v, want a refusal", tt.q, got)
			}
			continue
		}
		for _, id := range tt.want {
			if !a.Answered() || !slices.Contains(got, id) {
				t.Errorf("Ask(%q) = act %s on %v, want %s among them", tt.q, a.Reply.Outcome.Act, got, id)
			}
		}
	}
}
