package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// A claim whose detail the answering fact shows wrong is answered with a plain
// "no" before the true detail; a true claim gets the fact without one.
func TestClaimReplySaysNo(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b := New(base, nil, shipped(Options{}))
	for _, tt := range []struct{ q, fact, prefix string }{
		{"BSSN itu berdiri tahun 2020 kan?", "indonesia-bssn", "Bukan — "},
		{"the second OEWG was chaired by Jurg Lauber, right?", "person-burhan-gafoor", "No — "},
		{"Budapest Convention entered into force in 2004, right?", "budapest-convention-entry-into-force", ""},
	} {
		a := b.Ask(context.Background(), tt.q, "")
		if !a.Answered() || a.Reply.FactID != tt.fact {
			t.Errorf("Ask(%q) = %s, want fact %s", tt.q, PlainText(a.Reply), tt.fact)
			continue
		}
		// The title is the first line; the answer follows it.
		first := strings.TrimSpace(strings.TrimPrefix(PlainText(a.Reply), a.Reply.Title))
		says := strings.HasPrefix(first, "Bukan — ") || strings.HasPrefix(first, "No — ")
		if tt.prefix == "" && says || tt.prefix != "" && !strings.HasPrefix(first, tt.prefix) {
			t.Errorf("Ask(%q) reply starts %q, want prefix %q", tt.q, first[:min(len(first), 40)], tt.prefix)
		}
	}
}
