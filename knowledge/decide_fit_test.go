//go:build calibrate

// Fits the decision model of decide.go on the project's own labelled questions and
// prints the weights and the threshold table (it asserts nothing):
//
//	go test ./knowledge -tags calibrate -run TestFitDecision -v
//
// Rows: knowledge/testdata/blind/train.tsv (blind, weighted up: they are the closest
// to real chats) and testdata/eval. A row is positive when the best-ranked fact is
// one of its labels; negative when it is another fact or the row must be refused.
// Rows the brain settles before the matcher (greetings, opinions) are left out.
package knowledge

import (
	"bufio"
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
	f, err := os.Open("testdata/blind/train.tsv")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.SplitN(sc.Text(), "\t", 4)
		if len(p) != 4 || strings.HasPrefix(p[0], "#") || p[1] == "greeting" || p[1] == "opinion" {
			continue
		}
		var want []string
		if p[0] != "-" {
			want = strings.Split(p[0], "|")
		}
		add(p[3], want, want != nil, 3)
	}
	f.Close()
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

func TestFitDecision(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rows := fitRows(t, NewMatcher(base))
	n := len(decisionWeights)
	// Standardise, fit by gradient descent with a small L2 penalty, map back.
	mean, sd := make([]float64, n), make([]float64, n)
	var fitOn []fitRow
	for _, r := range rows {
		if r.floors {
			fitOn = append(fitOn, r)
		}
	}
	for j := 1; j < n; j++ {
		var s, s2, w float64
		for _, r := range fitOn {
			s += r.x[j] * r.weight
			s2 += r.x[j] * r.x[j] * r.weight
			w += r.weight
		}
		mean[j] = s / w
		sd[j] = math.Sqrt(math.Max(s2/w-mean[j]*mean[j], 1e-9))
	}
	beta := make([]float64, n)
	const lr, l2 = 0.5, 1e-3
	for it := 0; it < 4000; it++ {
		grad := make([]float64, n)
		var wsum float64
		for _, r := range fitOn {
			z := beta[0]
			for j := 1; j < n; j++ {
				z += beta[j] * (r.x[j] - mean[j]) / sd[j]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if r.y {
				y = 1
			}
			g := (p - y) * r.weight
			grad[0] += g
			for j := 1; j < n; j++ {
				grad[j] += g * (r.x[j] - mean[j]) / sd[j]
			}
			wsum += r.weight
		}
		for j := range beta {
			reg := 0.0
			if j > 0 {
				reg = l2 * beta[j]
			}
			beta[j] -= lr * (grad[j]/wsum + reg)
		}
	}
	raw := make([]float64, n)
	raw[0] = beta[0]
	for j := 1; j < n; j++ {
		raw[j] = beta[j] / sd[j]
		raw[0] -= beta[j] * mean[j] / sd[j]
	}
	ws := make([]string, n)
	for j, w := range raw {
		ws[j] = fmt.Sprintf("%.3f", w)
	}
	t.Logf("weights: %s", strings.Join(ws, ", "))
	nOn := 0
	for _, r := range rows {
		if r.on {
			nOn++
		}
	}
	for _, tau := range []float64{0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8} {
		top, wrong, offAns := 0, 0, 0
		for _, r := range rows {
			if !r.floors {
				continue
			}
			z := 0.0
			for j := range raw {
				z += raw[j] * r.x[j]
			}
			if 1/(1+math.Exp(-z)) < tau {
				continue
			}
			switch {
			case r.y:
				top++
			default:
				wrong++
				if !r.on {
					offAns++
				}
			}
		}
		t.Logf("tau %.2f: top-1 %d/%d (%.1f%%), wrong %d (%.2f%% of all %d), of which must-refuse %d", tau, top, nOn,
			100*float64(top)/float64(nOn), wrong, 100*float64(wrong)/float64(len(rows)), len(rows), offAns)
	}
}
