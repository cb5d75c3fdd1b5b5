//go:build calibrate

// Fits the decision model of decide.go on the project's own labelled questions and
// prints the cross-validation table, the weights and the threshold table (it asserts
// nothing):
//
//	go test ./knowledge -tags calibrate -run TestFitDecision -v
//
// Rows: the five blind training splits knowledge/testdata/blind/train*.tsv (the
// closest to real chats) and testdata/eval; never the held-out splits. A row is
// positive when the best-ranked fact is one of its labels; negative when it is
// another fact or the row must be refused. Rows the brain settles before the matcher
// (greetings, opinions) are left out. BLIND_FIT_SPLITS=train.tsv,train2.tsv fits on
// those blind splits only (the weights in use were fitted on these two).
package knowledge

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

type fitRow struct {
	x      [len(decisionWeights)]float64
	y      bool // the best fact is right
	on     bool // the row is on-topic
	weight float64
	floors bool // passes the hard floors
}

// readLabelled reads a blind set of testdata/blind.
func readLabelled(t *testing.T, name string) []LabelledQuestion {
	t.Helper()
	f, err := os.Open("testdata/blind/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ParseLabelled(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func fitRows(t *testing.T, m *Matcher) []fitRow {
	var rows []fitRow
	add := func(q string, want []string, on bool, w float64) {
		res, ft := m.match(m.Parse(q), EN)
		r := fitRow{x: ft.features(), on: on, weight: w}
		r.floors = len(res.Candidates) > 0 && !(ft.known < minKnown || ft.passing || ft.coverage < minCoverage)
		if len(res.Candidates) > 0 {
			for _, id := range want {
				r.y = r.y || res.Candidates[0].Fact.ID == id
			}
		}
		rows = append(rows, r)
	}
	fitSplits := []string{"train.tsv", "train2.tsv", "train3.tsv", "train4.tsv", "train5.tsv"}
	if v := os.Getenv("BLIND_FIT_SPLITS"); v != "" {
		fitSplits = strings.Split(v, ",")
	}
	for _, name := range fitSplits {
		for _, q := range readLabelled(t, name) {
			if q.Kind != "greeting" && q.Kind != "opinion" {
				add(q.Question, q.Want, q.Want != nil, 3)
			}
		}
	}
	for _, name := range []string{"facts_a.tsv", "facts_b.tsv", "facts_c.tsv", "facts_recent.tsv", "general.tsv", "offtopic.tsv"} {
		f, err := os.Open("testdata/eval/" + name)
		if err != nil {
			t.Fatal(err)
		}
		cases, _, _ := ParseEval(f, name)
		f.Close()
		for _, c := range cases {
			var want []string
			if c.Want != "" {
				want = []string{c.Want}
			}
			add(c.Question, want, c.Want != "", 1)
		}
	}
	return rows
}

// fitLogistic fits the decision weights on rows (those passing the hard floors) by
// gradient descent on standardised features with an L2 penalty; blind rows weigh
// blindWeight, the others 1.
func fitLogistic(rows []fitRow, blindWeight, l2 float64) [len(decisionWeights)]float64 {
	n := len(decisionWeights)
	w := func(r fitRow) float64 {
		if r.weight > 1 {
			return blindWeight
		}
		return 1
	}
	mean, sd := make([]float64, n), make([]float64, n)
	var on []fitRow
	for _, r := range rows {
		if r.floors {
			on = append(on, r)
		}
	}
	for j := 1; j < n; j++ {
		var s, s2, ws float64
		for _, r := range on {
			s += r.x[j] * w(r)
			s2 += r.x[j] * r.x[j] * w(r)
			ws += w(r)
		}
		mean[j] = s / ws
		sd[j] = math.Sqrt(math.Max(s2/ws-mean[j]*mean[j], 1e-9))
	}
	beta := make([]float64, n)
	const lr = 0.5
	for it := 0; it < 3000; it++ {
		grad := make([]float64, n)
		var wsum float64
		for _, r := range on {
			z := beta[0]
			for j := 1; j < n; j++ {
				z += beta[j] * (r.x[j] - mean[j]) / sd[j]
			}
			y := 0.0
			if r.y {
				y = 1
			}
			g := (1/(1+math.Exp(-z)) - y) * w(r)
			grad[0] += g
			for j := 1; j < n; j++ {
				grad[j] += g * (r.x[j] - mean[j]) / sd[j]
			}
			wsum += w(r)
		}
		for j := range beta {
			reg := 0.0
			if j > 0 {
				reg = l2 * beta[j]
			}
			beta[j] -= lr * (grad[j]/wsum + reg)
		}
	}
	var raw [len(decisionWeights)]float64
	raw[0] = beta[0]
	for j := 1; j < n; j++ {
		raw[j] = beta[j] / sd[j]
		raw[0] -= beta[j] * mean[j] / sd[j]
	}
	return raw
}

func prob(w [len(decisionWeights)]float64, x [len(decisionWeights)]float64) float64 {
	z := 0.0
	for j := range w {
		z += w[j] * x[j]
	}
	return 1 / (1 + math.Exp(-z))
}

// wrongCost is how many refusals one wrong answer is worth when choosing the
// threshold: a wrong confident answer is the worst failure.
const wrongCost = 3

// TestFitDecision chooses the blind rows' weight, the L2 penalty and the threshold by
// 5-fold cross-validation on the blind training rows (the own eval files always
// train), scoring right answers minus wrongCost × wrong ones on the held-out folds;
// it prints the same score for the weights in use (in-sample for the splits they
// were fitted on, so an upper bound), then fits on everything with the chosen
// settings and prints the weights and a threshold table.
func TestFitDecision(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rows := fitRows(t, NewMatcher(base))
	taus := []float64{0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}
	{
		right, wrong := 0, 0
		for _, r := range rows {
			if r.weight > 1 && r.floors && prob(decisionWeights, r.x) >= decisionThreshold {
				if r.y {
					right++
				} else {
					wrong++
				}
			}
		}
		t.Logf("weights in use, tau %.2f: blind rows right %d, wrong %d, score %d", decisionThreshold, right, wrong, right-wrongCost*wrong)
	}
	bestW, bestL2, bestTau, bestScore := 0.0, 0.0, 0.0, math.Inf(-1)
	for _, bw := range []float64{1, 3, 6} {
		for _, l2 := range []float64{1e-3, 1e-2} {
			scores := make([]float64, len(taus))
			for fold := 0; fold < 5; fold++ {
				var train, test []fitRow
				k := 0
				for _, r := range rows {
					if r.weight > 1 {
						k++
						if k%5 == fold {
							test = append(test, r)
							continue
						}
					}
					train = append(train, r)
				}
				w := fitLogistic(train, bw, l2)
				for i, tau := range taus {
					for _, r := range test {
						if r.floors && prob(w, r.x) >= tau {
							if r.y {
								scores[i]++
							} else {
								scores[i] -= wrongCost
							}
						}
					}
				}
			}
			var b strings.Builder
			for i, tau := range taus {
				fmt.Fprintf(&b, " %.2f:%.0f", tau, scores[i])
				if scores[i] > bestScore {
					bestW, bestL2, bestTau, bestScore = bw, l2, tau, scores[i]
				}
			}
			t.Logf("blind weight %.0f, L2 %.0e: cross-validated score by tau%s", bw, l2, b.String())
		}
	}
	raw := fitLogistic(rows, bestW, bestL2)
	ws := make([]string, len(raw))
	for j, w := range raw {
		ws[j] = fmt.Sprintf("%.3f", w)
	}
	t.Logf("chosen: blind weight %.0f, L2 %.0e, threshold %.2f; weights: %s", bestW, bestL2, bestTau, strings.Join(ws, ", "))
	nOn := 0
	for _, r := range rows {
		if r.on {
			nOn++
		}
	}
	for _, tau := range taus {
		top, wrong := 0, 0
		for _, r := range rows {
			if r.floors && prob(raw, r.x) >= tau {
				if r.y {
					top++
				} else {
					wrong++
				}
			}
		}
		t.Logf("all rows, tau %.2f: top-1 %d/%d (%.1f%%), wrong %d", tau, top, nOn, 100*float64(top)/float64(nOn), wrong)
	}
}
