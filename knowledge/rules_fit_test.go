//go:build calibrate

package knowledge

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// ruleNames label the rules in the ablation table.
var ruleNames = map[rule]string{rulePreferByAngle: "preferByAngle", rulePreferKind: "preferKind", ruleOverview: "overviewRunnerUp", rulePassing: "passingName", ruleDescribe: "described", ruleHeldAngle: "heldAngle", ruleDatedYear: "datedYear", rulePersonAsked: "personAsked", ruleSuccessor: "successor", ruleClaim: "claimSubject", ruleWhy: "whyReason", ruleList: "listGatherer", ruleDefinable: "preferDefinable", ruleSymbol: "preferSymbol", ruleBodyReport: "bodyReport", ruleChaired: "chairDescribed", ruleSeries: "seriesEnd", ruleFollower: "follower", rulePlace: "placed", ruleProposer: "proposerDescribed", ruleMembers: "membersDescribed", ruleLifespan: "lifespan", ruleSatellite: "satelliteAngle", ruleChairClaim: "chairClaim", ruleClaimAgree: "claimAgree", ruleLeadIn: "leadInQuestion", ruleSeriesLife: "seriesLifespan", ruleBodyOutcome: "bodyOutcome"}

// TestRuleAblation measures each ranking rule of rules.go by switching it off, on
// both blind splits and the own eval files: a rule stays only if the held-out
// split says it helps (fewer wrong answers or more right ones).
//
//	go test ./knowledge -tags calibrate -run TestRuleAblation -v
func TestRuleAblation(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		q    string
		want []string
	}
	load := func(name string) []row {
		var rows []row
		for _, q := range readLabelled(t, name) {
			if q.Kind != "greeting" && q.Kind != "opinion" {
				rows = append(rows, row{q: q.Question, want: q.Want})
			}
		}
		return rows
	}
	var own []row
	for _, name := range []string{"facts_a.tsv", "facts_b.tsv", "facts_c.tsv", "facts_recent.tsv", "general.tsv", "offtopic.tsv"} {
		f, _ := os.Open("testdata/eval/" + name)
		cases, _, _ := ParseEval(f, name)
		f.Close()
		for _, c := range cases {
			r := row{q: c.Question}
			if c.Want != "" {
				r.want = []string{c.Want}
			}
			own = append(own, r)
		}
	}
	sets := []struct {
		name string
		rows []row
	}{{"train", load("train.tsv")}, {"train2", load("train2.tsv")}, {"train3", load("train3.tsv")}, {"train4", load("train4.tsv")}, {"train5", load("train5.tsv")}, {"heldout", load("heldout.tsv")}, {"heldout2", load("heldout2.tsv")}, {"heldout3", load("heldout3.tsv")}, {"train24", load("train24.tsv")}, {"train25", load("train25.tsv")}, {"train30", load("train30.tsv")}, {"own", own}}
	measure := func(m *Matcher, rows []row) (right, wrong int) {
		for _, r := range rows {
			res := m.Match(r.q, EN)
			if !res.Answered {
				continue
			}
			ok := false
			for _, w := range r.want {
				ok = ok || res.Best.Fact.ID == w
			}
			if ok {
				right++
			} else {
				wrong++
			}
		}
		return right, wrong
	}
	for _, off := range []rule{0, rulePreferByAngle, rulePreferKind, ruleOverview, rulePassing, ruleDescribe, ruleHeldAngle, ruleDatedYear, rulePersonAsked, ruleSuccessor, ruleClaim, ruleWhy, ruleList, ruleDefinable, ruleSymbol, ruleBodyReport, ruleChaired, ruleSeries, ruleFollower, rulePlace, ruleProposer, ruleMembers, ruleLifespan, ruleSatellite, ruleChairClaim, ruleClaimAgree, ruleLeadIn, ruleSeriesLife, ruleBodyOutcome} {
		tune := defaultTuning()
		tune.off = off
		m := newTunedMatcher(base, tune)
		line := "all rules on        "
		if off != 0 {
			line = "without " + ruleNames[off]
			line += strings.Repeat(" ", max(0, 20-len(line)))
		}
		for _, s := range sets {
			r, w := measure(m, s.rows)
			line += fmt.Sprintf("  %s: right %d wrong %d", s.name, r, w)
		}
		t.Log(line)
	}
}
