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
