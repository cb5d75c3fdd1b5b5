package bot

import (
	"context"
	"strings"
	"testing"
)

// A claim whose detail the answering fact shows wrong is answered with a plain
// "no" before the true detail, one whose detail the fields show right with a
// plain "yes"; a claim whose detail no field holds gets the fact with neither.
func TestClaimReplySaysNo(t *testing.T) {
	b := embeddedBot(t)
	for _, tt := range []struct{ q, fact, prefix string }{
		{"BSSN itu berdiri tahun 2020 kan?", "indonesia-bssn", "Bukan — "},
		{"the second OEWG was chaired by Jurg Lauber, right?", "person-burhan-gafoor", "No — "},
		{"Budapest Convention entered into force in 2004, right?", "budapest-convention-entry-into-force", "Yes — "},
		{"BSSN itu berdiri tahun 2017 kan?", "indonesia-bssn", "Ya — "},
		{"the 2015 GGE report is A/68/98, right?", "gge-2015-report", "No — "},
		{"the 2019 joint statement had 27 signatories, right?", "joint-statement-2019-signatories", ""},
		// A year right after what happened ("dibentuk 2021") is the claimed detail.
		{"OEWG kedua dibentuk 2021 kan?", "oewg-2021-2025", "Bukan — "},
		{"the first OEWG was established 2018, right?", "oewg-2019-2021", "Yes — "},
		// A chair claim is answered from what it names first: the body ("the
		// first GGE was chaired by …"), or the person ("X itu ketua …"), whose
		// fact is judged by the chair of the body the claim names.
		{"the first GGE was chaired by Deborah Stokes, right?", "gge-2004-2005", ""},
		{"Jürg Lauber itu ketua OEWG yang kedua ya?", "person-jurg-lauber", "Bukan — "},
		{"Karsten Geier chaired the 2019-2021 GGE, right?", "person-karsten-geier", "No — "},
		// A claim that names the chair a correction gives is no misconception.
		{"OEWG pertama diketuai Jürg Lauber dari Swiss, bener kan?", "person-jurg-lauber", ""},
		// A chair's country is a claimed detail.
		{"ketua AHC cybercrime itu dari Mesir kan", "faouzia-boumaiza-mebarki", "Bukan — "},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		if !a.Answered() || a.Reply.FactID != tt.fact {
			t.Errorf("Ask(%q) = %s, want fact %s", tt.q, PlainText(a.Reply), tt.fact)
			continue
		}
		// The title is the first line; the answer follows it.
		first := strings.TrimSpace(strings.TrimPrefix(PlainText(a.Reply), a.Reply.Title))
		says := false
		for _, p := range []string{"Bukan — ", "No — ", "Ya — ", "Yes — "} {
			says = says || strings.HasPrefix(first, p)
		}
		if tt.prefix == "" && says || tt.prefix != "" && !strings.HasPrefix(first, tt.prefix) {
			t.Errorf("Ask(%q) reply starts %q, want prefix %q", tt.q, first[:min(len(first), 40)], tt.prefix)
		}
	}
}

// A claim about one instance of a series ("OEWG pertama", named by its ordinal)
// that only a wrong detail ties to another instance (75/240 set up the second
// OEWG) is not answered from the other instance.
func TestClaimOtherInstanceByOrdinal(t *testing.T) {
	b := embeddedBot(t)
	for _, tt := range []struct{ q, not string }{
		{"OEWG pertama dibentuk lewat resolusi 75/240 ya?", "oewg-2021-2025"},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		if a.Answered() && a.Reply.FactID == tt.not {
			t.Errorf("Ask(%q) answered from %s, the other instance", tt.q, tt.not)
		}
	}
}

// A claim whose wrong detail holds the decision back is answered, as the likely
// reading, when the whole claim and its subject without the detail rank the same
// fact first (claimAgree): that fact holds the true detail.
func TestClaimAnsweredWhenReadingsAgree(t *testing.T) {
	b := embeddedBot(t)
	for _, tt := range []struct{ q, fact string }{
		{"joint statement 2019 soal perilaku negara yg bertanggung jawab ditandatangani 26 negara termasuk AS kan?", "joint-statement-2019-signatories"},
		{"the Hanoi cybercrime convention got 40 signatures on the first day, right?", "cybercrime-convention-hanoi-signing"},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		if !a.Answered() || a.Reply.FactID != tt.fact {
			t.Errorf("Ask(%q) = %v, want fact %s", tt.q, a.Reply.Outcome.FactIDs, tt.fact)
		}
	}
}

// A question after a premise clause ("Karena …, siapa …") is answered on its own
// when the whole message, weighed down by the premise, settles nothing.
func TestQuestionAfterPremiseClause(t *testing.T) {
	b := embeddedBot(t)
	for _, tt := range []struct{ q, fact string }{
		{"Karena OEWG kedua dipimpin Jürg Lauber, siapa yang memimpin Global Mechanism sekarang?", "person-egriselda-lopez"},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		if !a.Answered() || a.Reply.FactID != tt.fact {
			t.Errorf("Ask(%q) = %v, want fact %s", tt.q, a.Reply.Outcome.FactIDs, tt.fact)
		}
	}
}
