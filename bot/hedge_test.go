package bot

import (
	"context"
	"strings"
	"testing"
)

// TestHedgedAnswerNamesNeighbour: an answer the decision finds likely but not certain
// says, right under its title, that it is a reading and names the nearest other
// reading with its /fact command, so that a wrong reading shows at once; a sure
// answer carries no such line.
func TestHedgedAnswerNamesNeighbour(t *testing.T) {
	b := embeddedBot(t)
	for _, c := range []struct {
		question, fact string
		hedged         bool
		first          string // what the first body line holds when hedged
	}{
		{"siapa ketua global mekanisme", "person-egriselda-lopez", true, "Bila maksudnya “Mekanisme Global tentang keamanan TIK”, lihat /fact global-mechanism."},
		{"why was BSSN created", "indonesia-bssn", true, "If you meant “Before BSSN: Indonesia's state cryptography service since 1946”, see /fact bssn-history-persandian."},
		{"kapan A/RES/73/27 diadopsi?", "ares-73-27", false, ""},
	} {
		ans := b.Ask(context.Background(), c.question, "")
		r := ans.Reply
		if got := r.Outcome.FactIDs; len(got) != 1 || got[0] != c.fact {
			t.Errorf("%q: answered %v, want %s", c.question, got, c.fact)
			continue
		}
		if ans.Result.Likely != c.hedged {
			t.Errorf("%q: hedged %v, want %v", c.question, ans.Result.Likely, c.hedged)
			continue
		}
		first := ""
		if len(r.Blocks) > 0 && len(r.Blocks[0].Spans) > 0 {
			first = r.Blocks[0].Spans[0].Text
		}
		if c.hedged && !strings.Contains(first, c.first) {
			t.Errorf("%q: first line %q, want it to hold %q", c.question, first, c.first)
		}
		if !c.hedged && (strings.Contains(first, "/fact") || strings.Contains(first, "membaca")) {
			t.Errorf("%q: a sure answer is hedged: %q", c.question, first)
		}
	}
}
