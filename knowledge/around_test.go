package knowledge

import "testing"

// TestFollowUpAround: a follow-up's angle picks the fact around the last answer that
// holds it, and "before/after him" walks the holders of a role by date.
func TestFollowUpAround(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	tests := []struct {
		name, last, q, want string // want "" = nothing around fits
	}{
		{"before him", "nugroho-sulistyo-budi", "and before him?", "hinsa-siburian"},
		{"ID sebelumnya", "hinsa-siburian", "sebelumnya siapa?", "djoko-setiadi"},
		{"ID penggantinya", "hinsa-siburian", "penggantinya siapa?", "nugroho-sulistyo-budi"},
		{"entry into force after the signing", "cybercrime-convention-hanoi-signing", "udh berlaku belum?", "cybercrime-convention-entry-into-force"},
		{"the GA's endorsement after the report", "oewg-2019-2021-report", "disahkan MU kapan?", "oewg-2019-2021-ga-endorsement"},
		{"not a statement's resolution", "joint-statement-2019-signatories", "was it a UN resolution?", "joint-statement-2019-not-resolution"},
		{"the chair of the committee the resolution created", "ares-74-247", "komitenya siapa ketuanya?", "faouzia-boumaiza-mebarki"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last, ok := base.Get(tt.last)
			if !ok {
				t.Fatalf("no fact %s", tt.last)
			}
			ranked, _ := m.FollowUp(m.Parse(tt.q), last)
			got := ""
			if len(ranked) > 0 && ranked[0].Score >= MinAround {
				got = ranked[0].Fact.ID
			}
			if got != tt.want {
				t.Errorf("FollowUp(%q after %s) = %q, want %q (%v)", tt.q, tt.last, got, tt.want, ranked[:min(3, len(ranked))])
			}
		})
	}
	if _, ok := m.Walk(mustGet(t, base, "djoko-setiadi"), -1); ok {
		t.Error("Walk before the first BSSN head found someone")
	}
}

func mustGet(t *testing.T, b *Base, id string) *Fact {
	t.Helper()
	f, ok := b.Get(id)
	if !ok {
		t.Fatalf("no fact %s", id)
	}
	return f
}
