//go:build calibrate

// Fits the decision model of decide.go on the project's own labelled questions and
// prints the cross-validation tables, the weights and the threshold table (it
// asserts nothing):
//
//	go test ./knowledge -tags calibrate -run TestFitDecision -v
//
// Rows: every blind training split knowledge/testdata/blind/train*.tsv (the closest
// to real chats) and testdata/eval; never the held-out splits. A row is positive
// when the best-ranked fact is one of its labels; negative when it is another fact
// or the row must be refused. Rows the brain settles before the matcher (greetings,
// opinions) are left out.
//
// Cross-validation is grouped by split: the training splits are dealt into
// cvFolds folds (split i into fold i mod cvFolds), a fold's splits are scored by a
// model fitted on the other folds' splits and the own eval (which always trains), so
// a scored row never has a near-copy written in the same sitting among the fitting
// rows. The score is right − wrongCost × wrong over the scored folds' rows, with a
// row answered as the matcher would: past the hard floors and at or above the
// threshold, or at or above the lower threshold of a described subject or a
// rule-chosen document (matchFeatures.alt).
package knowledge

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

type fitRow struct {
	base   [len(decisionWeights)]float64
	extra  []float64 // candidate features (extraNames)
	y      bool      // the best fact is right
	on     bool      // the row is on-topic
	blind  bool      // a blind training row (the own eval's are not)
	fold   int       // cross-validation fold (-1: the own eval, always trains)
	split  string
	feat   matchFeatures
	hasTop bool // the matcher ranked a fact at all
	forced bool // refused whatever the score (nothing followed)
	ans    bool // the matcher answered it with the weights in use
	q      string
}

// extraNames are the candidate features tried on top of features().
var extraNames = []string{"runnerAngle", "sameBody", "qlen", "titleIn", "who", "when", "count", "def", "kindAsked", "runnerSameKind", "margin×related", "cov<0.5", "claim", "compare", "why", "comparison"}

const cvFolds = 7

func (m *Matcher) extraFeatures(q *Question, res Result, ft matchFeatures) []float64 {
	out := make([]float64, len(extraNames))
	if len(res.Candidates) == 0 {
		return out
	}
	best := res.Candidates[0].Fact
	asked := askedHeldAngles(q)
	out[0] = 0.5
	if len(res.Candidates) > 1 {
		r := res.Candidates[1].Fact
		d := m.docIndex(r)
		out[0] = angleFit(q, r, asked != 0, m.held[d]&asked == asked)
		if r.Body != "" && r.Body == best.Body {
			out[1] = 1
		}
		if r.Kind == best.Kind {
			out[9] = 1
		}
	}
	n := 0
	for _, t := range m.questionTerms(q) {
		if t.content {
			n++
		}
	}
	out[2] = math.Log1p(float64(n))
	qw := map[string]bool{}
	for _, t := range tokenize(q.text) {
		qw[t.text] = true
	}
	share := 0.0
	for _, title := range []string{best.TitleEN, best.TitleID} {
		k, all := 0, 0
		for _, t := range tokenize(title) {
			if len(t.text) < 3 {
				continue
			}
			all++
			if qw[t.text] {
				k++
			}
		}
		if all > 0 {
			share = math.Max(share, float64(k)/float64(all))
		}
	}
	out[3] = share
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	out[4] = b(q.has("?who"))
	out[5] = b(q.has("?when"))
	out[6] = b(q.has("?count"))
	out[7] = b(q.has("?def") || q.has("?define") || q.has("?abbr"))
	out[8] = b(askedKind(q.raw) != "")
	out[10] = ft.margin * b(ft.related)
	out[11] = b(ft.coverage < 0.5)
	out[12] = b(q.claim)
	out[13] = b(q.has("~difference"))
	out[14] = b(q.has("?why"))
	_, _, cmp := m.Comparison(q)
	out[15] = b(cmp)
	return out
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

// trainSplits lists the blind training splits (train*.tsv), in a fixed order.
func trainSplits(t *testing.T) []string {
	names, err := filepath.Glob("testdata/blind/train*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range names {
		out = append(out, filepath.Base(n))
	}
	sort.Slice(out, func(i, j int) bool {
		num := func(s string) int {
			var k int
			fmt.Sscanf(strings.TrimSuffix(strings.TrimPrefix(s, "train"), ".tsv"), "%d", &k)
			if k == 0 {
				k = 1
			}
			return k
		}
		return num(out[i]) < num(out[j])
	})
	return out
}

func fitRows(t *testing.T, m *Matcher) []fitRow {
	var rows []fitRow
	add := func(q string, want []string, on bool, blind bool, fold int, split string) {
		pq := m.Parse(q)
		res, ft := m.match(pq, EN)
		r := fitRow{base: ft.features(), on: on, blind: blind, fold: fold, split: split, feat: ft, q: q}
		r.extra = m.extraFeatures(pq, res, ft)
		r.hasTop = len(res.Candidates) > 0
		r.forced = pq.followsNothing != nil
		r.ans = res.Answered
		if len(res.Candidates) > 0 {
			for _, id := range want {
				r.y = r.y || res.Candidates[0].Fact.ID == id
			}
		}
		rows = append(rows, r)
	}
	fitSplits := trainSplits(t)
	if v := os.Getenv("BLIND_FIT_SPLITS"); v != "" {
		fitSplits = strings.Split(v, ",")
	}
	for i, name := range fitSplits {
		for _, q := range readLabelled(t, name) {
			if q.Kind != "greeting" && q.Kind != "opinion" {
				add(q.Question, q.Want, q.Want != nil, true, i%cvFolds, name)
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
			add(c.Question, want, c.Want != "", false, -1, name)
		}
	}
	return rows
}

// design is a feature set: the base features and some extras, by index.
type design struct {
	name   string
	extras []int
}

func (d design) x(r fitRow) []float64 {
	x := append([]float64(nil), r.base[:]...)
	for _, e := range d.extras {
		x = append(x, r.extra[e])
	}
	return x
}

// floorsCfg are the hard floors a row must pass to be answered by the model.
type floorsCfg struct{ known, coverage float64 }

var inUse = floorsCfg{minKnown, minCoverage}

func (fl floorsCfg) pass(r fitRow) bool {
	return r.hasTop && !r.forced && !(r.feat.known < fl.known || r.feat.passing || r.feat.coverage < fl.coverage)
}

// answered says whether the matcher answers a row at probability p and threshold tau.
func answered(r fitRow, p, tau float64, fl floorsCfg) bool {
	if !r.hasTop || r.forced {
		return false
	}
	return fl.pass(r) && p >= tau || r.feat.alt > 0 && p >= r.feat.alt
}

// fitLogistic fits weights on the rows passing the floors (or with a lower
// threshold path) by gradient descent on standardised features with an L2 penalty;
// blind rows weigh blindWeight, the others 1.
func fitLogistic(rows []fitRow, d design, blindWeight, l2 float64, fl floorsCfg) []float64 {
	return fitAnchored(rows, d, blindWeight, l2, fl, false)
}

// fitAnchored is fitLogistic with the penalty pulling towards the weights in use
// (extras towards 0) instead of towards 0, when anchored.
func fitAnchored(rows []fitRow, d design, blindWeight, l2 float64, fl floorsCfg, anchored bool) []float64 {
	return fitFrozen(rows, d, blindWeight, l2, fl, anchored, false)
}

// fitFrozen is fitAnchored that, when frozen, keeps the base features' weights at
// those in use and fits only the intercept and the extras.
func fitFrozen(rows []fitRow, d design, blindWeight, l2 float64, fl floorsCfg, anchored, frozen bool) []float64 {
	var xs [][]float64
	var ys, ws []float64
	for _, r := range rows {
		if !(fl.pass(r) || r.feat.alt > 0 && r.hasTop && !r.forced) {
			continue
		}
		xs = append(xs, d.x(r))
		y := 0.0
		if r.y {
			y = 1
		}
		ys = append(ys, y)
		w := 1.0
		if r.blind {
			w = blindWeight
		}
		ws = append(ws, w)
	}
	n := len(xs[0])
	mean, sd := make([]float64, n), make([]float64, n)
	var wsum float64
	for _, w := range ws {
		wsum += w
	}
	for j := 1; j < n; j++ {
		var s, s2 float64
		for i, x := range xs {
			s += x[j] * ws[i]
			s2 += x[j] * x[j] * ws[i]
		}
		mean[j] = s / wsum
		sd[j] = math.Sqrt(math.Max(s2/wsum-mean[j]*mean[j], 1e-9))
	}
	zs := make([][]float64, len(xs))
	for i, x := range xs {
		z := make([]float64, n)
		z[0] = 1
		for j := 1; j < n; j++ {
			z[j] = (x[j] - mean[j]) / sd[j]
		}
		zs[i] = z
	}
	beta := make([]float64, n)
	prior := make([]float64, n)
	if anchored {
		prior = standardPrior(mean, sd)
		copy(beta, prior)
	}
	grad := make([]float64, n)
	const lr = 0.5
	for it := 0; it < 2000; it++ {
		for j := range grad {
			grad[j] = 0
		}
		for i, z := range zs {
			s := 0.0
			for j, b := range beta {
				s += b * z[j]
			}
			g := (1/(1+math.Exp(-s)) - ys[i]) * ws[i]
			for j := range grad {
				grad[j] += g * z[j]
			}
		}
		for j := range beta {
			reg := 0.0
			if j > 0 {
				reg = l2 * (beta[j] - prior[j])
			}
			if frozen && j > 0 && j < len(decisionWeights) {
				continue
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
	return raw
}

func prob(w []float64, x []float64) float64 {
	z := 0.0
	for j := range w {
		z += w[j] * x[j]
	}
	return 1 / (1 + math.Exp(-z))
}

// wrongCost is how many refusals one wrong answer is worth when choosing the
// threshold: a wrong confident answer is the worst failure.
const wrongCost = 3

var taus = []float64{0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}

// tally is right, wrong and refused must-refuse rows (of how many) at one threshold.
type tally struct{ right, wrong, refused, mustRefuse, onTopic, refusedTop int }

func (s tally) score() int { return s.right - wrongCost*s.wrong }

func (s tally) String() string {
	return fmt.Sprintf("score %4d (right %4d/%d, wrong %3d, must-refuse refused %d/%d, right top refused %d)", s.score(), s.right, s.onTopic, s.wrong, s.refused, s.mustRefuse, s.refusedTop)
}

func (s *tally) add(r fitRow, ans bool) {
	if r.on {
		s.onTopic++
		if r.y && !ans {
			s.refusedTop++
		}
	} else {
		s.mustRefuse++
		if !ans {
			s.refused++
		}
	}
	if ans {
		if r.y && r.on {
			s.right++
		} else {
			s.wrong++
		}
	}
}

// cvProbs returns each blind row's cross-validated probability (fitted on the
// other folds and the own eval).
func cvProbs(rows []fitRow, d design, bw, l2 float64, fl floorsCfg) []float64 {
	return cvProbsA(rows, d, bw, l2, fl, false)
}

func cvProbsA(rows []fitRow, d design, bw, l2 float64, fl floorsCfg, anchored bool) []float64 {
	ps := make([]float64, len(rows))
	for fold := 0; fold < cvFolds; fold++ {
		var train []fitRow
		for _, r := range rows {
			if r.fold != fold {
				train = append(train, r)
			}
		}
		w := fitAnchored(train, d, bw, l2, fl, anchored)
		for i, r := range rows {
			if r.fold == fold {
				ps[i] = prob(w, d.x(r))
			}
		}
	}
	return ps
}

// pareto compares a model with the weights in use at equal errors: the most right
// answers at no more wrong ones than ref, and the fewest wrong ones at no fewer
// right ones, over thresholds 0.50 … 0.97 (rows of train.tsv and train2.tsv, which
// the weights in use were fitted on, left out when fresh).
func pareto(rows []fitRow, ps []float64, ref tally, fresh bool) string {
	bestRight, bestTau := tally{}, 0.0
	fewWrong, fewTau := tally{wrong: 1 << 30}, 0.0
	for tau := 0.5; tau < 0.975; tau += 0.01 {
		var s tally
		for k, r := range rows {
			if r.blind && !(fresh && (r.split == "train.tsv" || r.split == "train2.tsv")) {
				s.add(r, answered(r, ps[k], tau, inUse))
			}
		}
		if s.wrong <= ref.wrong && s.right > bestRight.right {
			bestRight, bestTau = s, tau
		}
		if s.right >= ref.right && s.wrong < fewWrong.wrong {
			fewWrong, fewTau = s, tau
		}
	}
	return fmt.Sprintf("at ≤%d wrong: right %d (tau %.2f); at ≥%d right: wrong %d (tau %.2f)", ref.wrong, bestRight.right, bestTau, ref.right, fewWrong.wrong, fewTau)
}

func freshTally(rows []fitRow, ps []float64, tau float64) tally {
	var s tally
	for k, r := range rows {
		if r.blind && r.split != "train.tsv" && r.split != "train2.tsv" {
			s.add(r, answered(r, ps[k], tau, inUse))
		}
	}
	return s
}

// standardPrior is the weights in use in the standardised feature space (mean 0,
// sd 1), the point an anchored refit is pulled towards. Features past the weights in use (a design's extras) start at 0.
func standardPrior(mean, sd []float64) []float64 {
	prior := make([]float64, len(mean))
	prior[0] = decisionWeights[0]
	for j := 1; j < len(decisionWeights); j++ {
		prior[j] = decisionWeights[j] * sd[j]
		prior[0] += decisionWeights[j] * mean[j]
	}
	return prior
}

// thresholdTable prints each threshold's cross-validated score and returns the
// index of the best.
func thresholdTable(ts []tally) (string, int) {
	var b strings.Builder
	bi := 0
	for i, s := range ts {
		fmt.Fprintf(&b, " %.2f:%d", taus[i], s.score())
		if s.score() > ts[bi].score() {
			bi = i
		}
	}
	return b.String(), bi
}

func tallies(rows []fitRow, ps []float64, fl floorsCfg) []tally {
	out := make([]tally, len(taus))
	for i, tau := range taus {
		for k, r := range rows {
			if r.blind {
				out[i].add(r, answered(r, ps[k], tau, fl))
			}
		}
	}
	return out
}

// TestFitDecision prints the cross-validated score of the weights in use and of
// refits over designs, L2 penalties and blind-row weights, then the floors and the
// sure band, and fits the chosen design on everything.
func TestFitDecision(t *testing.T) {
	m := embeddedMatcher(t)
	rows := fitRows(t, m)
	nb, mismatch := 0, 0
	for _, r := range rows {
		if r.blind {
			nb++
		}
		if answered(r, r.feat.confidence(), decisionThreshold, inUse) != r.ans {
			mismatch++
		}
	}
	t.Logf("rows: %d blind (%d folds by split), %d own eval; harness disagrees with the matcher on %d rows", nb, cvFolds, len(rows)-nb, mismatch)
	baseDesign := design{name: "base"}
	inUsePs := make([]float64, len(rows))
	for i, r := range rows {
		inUsePs[i] = r.feat.confidence()
	}
	best := struct {
		d      design
		bw, l2 float64
		tau    float64
		s      tally
		ps     []float64
	}{}
	best.s.right = -1 << 30
	for i, s := range tallies(rows, inUsePs, inUse) {
		t.Logf("weights in use      tau %.2f: %v", taus[i], s)
	}
	ref := tallies(rows, inUsePs, inUse)[slicesIndex(taus, decisionThreshold)]
	refFresh := freshTally(rows, inUsePs, decisionThreshold)
	t.Logf("weights in use, without train/train2: %v", refFresh)
	designs := []design{baseDesign}
	for e := range extraNames {
		designs = append(designs, design{name: "+" + extraNames[e], extras: []int{e}})
	}
	designs = append(designs, design{name: "+angles", extras: []int{4, 5, 6, 7, 8}}, design{name: "+all", extras: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}})
	if v := os.Getenv("FIT_DESIGNS"); v == "base" {
		designs = designs[:1]
	}
	for _, d := range designs {
		for _, bw := range []float64{1, 3} {
			for _, l2 := range []float64{1e-3, 1e-2, 1e-1} {
				if d.name != "base" && (bw != 3 || l2 != 1e-2) {
					continue
				}
				ps := cvProbs(rows, d, bw, l2, inUse)
				ts := tallies(rows, ps, inUse)
				line, bi := thresholdTable(ts)
				t.Logf("%-16s bw %.0f L2 %.0e:%s | best %.2f %v", d.name, bw, l2, line, taus[bi], ts[bi])
				t.Logf("%-16s bw %.0f L2 %.0e: all %s; without train/train2 %s", d.name, bw, l2, pareto(rows, ps, ref, false), pareto(rows, ps, refFresh, true))
				if ts[bi].score() > best.s.score() {
					best.d, best.bw, best.l2, best.tau, best.s, best.ps = d, bw, l2, taus[bi], ts[bi], ps
				}
			}
		}
	}
	for _, bw := range []float64{1, 3} {
		for _, l2 := range []float64{1e-2, 1e-1, 1} {
			for _, d := range []design{baseDesign, {name: "+runnerAngle", extras: []int{0}}, {name: "+titleIn", extras: []int{3}}} {
				ps := cvProbsA(rows, d, bw, l2, inUse, true)
				ts := tallies(rows, ps, inUse)
				line, bi := thresholdTable(ts)
				t.Logf("anchored %-16s bw %.0f L2 %.0e:%s | best %.2f %v", d.name, bw, l2, line, taus[bi], ts[bi])
				t.Logf("anchored %-16s bw %.0f L2 %.0e: all %s; without train/train2 %s", d.name, bw, l2, pareto(rows, ps, ref, false), pareto(rows, ps, refFresh, true))
			}
		}
	}
	t.Logf("best refit: %s bw %.0f L2 %.0e tau %.2f %v", best.d.name, best.bw, best.l2, best.tau, best.s)

	// The hard floors, by the same cross-validation (base design, refit per floor).
	for _, fl := range []floorsCfg{{0.6, 0.3}, {0.65, 0.3}, {0.7, 0.25}, {0.7, 0.2}, {0.7, 0.3}, {0.75, 0.3}, {0.7, 0.35}} {
		ps := cvProbs(rows, baseDesign, best.bw, best.l2, fl)
		ts := tallies(rows, ps, fl)
		i := slicesIndex(taus, best.tau)
		t.Logf("floors known %.2f coverage %.2f (refit): %v", fl.known, fl.coverage, ts[i])
		ts = tallies(rows, inUsePs, fl)
		t.Logf("floors known %.2f coverage %.2f (in use, tau %.2f): %v", fl.known, fl.coverage, decisionThreshold, ts[slicesIndex(taus, decisionThreshold)])
	}
	// Which floor refuses right first facts (weights in use, blind rows).
	var kn, pa, co [2]int
	for _, r := range rows {
		if !r.blind || !r.hasTop || r.forced || r.feat.confidence() < decisionThreshold {
			continue
		}
		k := 1
		if r.y && r.on {
			k = 0
		}
		switch {
		case r.feat.known < minKnown:
			kn[k]++
		case r.feat.passing:
			pa[k]++
		case r.feat.coverage < minCoverage:
			co[k]++
		}
	}
	t.Logf("rows over the threshold refused by a floor (right top / wrong top): known %v, passing %v, coverage %v", kn, pa, co)

	// The sure band: answers under it are hedged (Result.Likely).
	for _, cand := range []struct {
		name string
		ps   []float64
		tau  float64
	}{{"in use", inUsePs, decisionThreshold}, {"best refit", best.ps, best.tau}} {
		for _, sure := range []float64{0.85, 0.9, 0.93, 0.95} {
			var hr, hw, ur, uw int
			for k, r := range rows {
				if !r.blind || !answered(r, cand.ps[k], cand.tau, inUse) {
					continue
				}
				ok := r.y && r.on
				switch {
				case cand.ps[k] < sure && ok:
					hr++
				case cand.ps[k] < sure:
					hw++
				case ok:
					ur++
				default:
					uw++
				}
			}
			t.Logf("%s, sure %.2f: hedged right %d, hedged wrong %d; plain right %d, plain wrong %d", cand.name, sure, hr, hw, ur, uw)
		}
	}
	if os.Getenv("FIT_VERBOSE") != "" {
		// Blind rows whose right top fact a floor or the threshold refuses.
		for k, r := range rows {
			if r.blind && r.on && r.y && !answered(r, inUsePs[k], decisionThreshold, inUse) {
				t.Logf("REFUSED-RIGHT %s p=%.2f known=%.2f cov=%.2f passing=%v | %s", r.split, inUsePs[k], r.feat.known, r.feat.coverage, r.feat.passing, r.q)
			}
		}
	}

	raw := fitLogistic(rows, best.d, best.bw, best.l2, inUse)
	ws := make([]string, len(raw))
	for j, w := range raw {
		ws[j] = fmt.Sprintf("%.3f", w)
	}
	t.Logf("fitted on all rows: %s bw %.0f L2 %.0e threshold %.2f; weights: %s", best.d.name, best.bw, best.l2, best.tau, strings.Join(ws, ", "))
	for _, tau := range taus {
		var s tally
		for _, r := range rows {
			if r.blind {
				s.add(r, answered(r, prob(raw, best.d.x(r)), tau, inUse))
			}
		}
		t.Logf("blind rows in sample, tau %.2f: %v", tau, s)
	}
}

func slicesIndex(xs []float64, v float64) int {
	for i, x := range xs {
		if math.Abs(x-v) < 1e-9 {
			return i
		}
	}
	return 0
}

// fitScore fits the base features by maximising a smoothed right − wrongCost ×
// wrong at threshold tau (each row's answer as a sigmoid of its margin over the
// threshold's logit, width temp), starting from and pulled (l2) towards the
// weights in use: the decision's own score rather than the likelihood.
func fitScore(rows []fitRow, blindWeight, l2, temp, tau float64) []float64 {
	n := len(decisionWeights)
	type rr struct {
		z    []float64
		s, w float64
		c    float64
	}
	logit := func(p float64) float64 { return math.Log(p / (1 - p)) }
	var rs []rr
	for _, r := range rows {
		if !r.hasTop || r.forced {
			continue
		}
		c := math.Inf(1)
		if inUse.pass(r) {
			c = logit(tau)
		}
		if r.feat.alt > 0 {
			c = math.Min(c, logit(r.feat.alt))
		}
		if math.IsInf(c, 1) {
			continue
		}
		s := -float64(wrongCost)
		if r.y && r.on {
			s = 1
		}
		w := 1.0
		if r.blind {
			w = blindWeight
		}
		rs = append(rs, rr{z: append([]float64(nil), r.base[:]...), s: s, w: w, c: c})
	}
	mean, sd := make([]float64, n), make([]float64, n)
	var wsum float64
	for _, r := range rs {
		wsum += r.w
	}
	for j := 1; j < n; j++ {
		var s1, s2 float64
		for _, r := range rs {
			s1 += r.z[j] * r.w
			s2 += r.z[j] * r.z[j] * r.w
		}
		mean[j] = s1 / wsum
		sd[j] = math.Sqrt(math.Max(s2/wsum-mean[j]*mean[j], 1e-9))
	}
	for _, r := range rs {
		for j := 1; j < n; j++ {
			r.z[j] = (r.z[j] - mean[j]) / sd[j]
		}
	}
	prior := standardPrior(mean, sd)
	beta := append([]float64(nil), prior...)
	grad := make([]float64, n)
	for it := 0; it < 400; it++ {
		for j := range grad {
			grad[j] = 0
		}
		for _, r := range rs {
			z := 0.0
			for j, b := range beta {
				z += b * r.z[j]
			}
			u := 1 / (1 + math.Exp(-(z-r.c)/temp))
			g := r.s * r.w * u * (1 - u) / temp
			for j := range grad {
				grad[j] += g * r.z[j]
			}
		}
		for j := range beta {
			beta[j] += 0.5 * (grad[j]/wsum - l2*(beta[j]-prior[j]))
		}
	}
	raw := make([]float64, n)
	raw[0] = beta[0]
	for j := 1; j < n; j++ {
		raw[j] = beta[j] / sd[j]
		raw[0] -= beta[j] * mean[j] / sd[j]
	}
	return raw
}

// TestFitScore cross-validates fitScore by split folds, against the weights in use.
func TestFitScore(t *testing.T) {
	m := embeddedMatcher(t)
	rows := fitRows(t, m)
	inUsePs := make([]float64, len(rows))
	for i, r := range rows {
		inUsePs[i] = r.feat.confidence()
	}
	ref := tallies(rows, inUsePs, inUse)[slicesIndex(taus, decisionThreshold)]
	refFresh := freshTally(rows, inUsePs, decisionThreshold)
	t.Logf("weights in use: %v; without train/train2 %v", ref, refFresh)
	for _, temp := range []float64{0.3, 1} {
		for _, l2 := range []float64{1e-3, 1e-2, 1e-1} {
			for _, bw := range []float64{1, 3} {
				ps := make([]float64, len(rows))
				for fold := 0; fold < cvFolds; fold++ {
					var train []fitRow
					for _, r := range rows {
						if r.fold != fold {
							train = append(train, r)
						}
					}
					w := fitScore(train, bw, l2, temp, decisionThreshold)
					for i, r := range rows {
						if r.fold == fold {
							ps[i] = prob(w, r.base[:])
						}
					}
				}
				s := tallies(rows, ps, inUse)[slicesIndex(taus, decisionThreshold)]
				t.Logf("score fit temp %.1f L2 %.0e bw %.0f: tau 0.80 %v; without train/train2 %v", temp, l2, bw, s, freshTally(rows, ps, decisionThreshold))
				t.Logf("   %s; without train/train2 %s", pareto(rows, ps, ref, false), pareto(rows, ps, refFresh, true))
			}
		}
	}
	w := fitScore(rows, 3, 1e-2, 0.3, decisionThreshold)
	ws := make([]string, len(w))
	for j, x := range w {
		ws[j] = fmt.Sprintf("%.3f", x)
	}
	t.Logf("score fit on all rows (temp 0.3, L2 1e-2, bw 3): %s", strings.Join(ws, ", "))
}

// TestFitAnchoredWeights prints the anchored refit (base design) on all rows, for
// FIT_BW and FIT_L2.
func TestFitAnchoredWeights(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rows := fitRows(t, NewMatcher(base))
	var bw, l2 float64
	fmt.Sscanf(os.Getenv("FIT_BW"), "%g", &bw)
	fmt.Sscanf(os.Getenv("FIT_L2"), "%g", &l2)
	w := fitAnchored(rows, design{name: "base"}, bw, l2, inUse, true)
	ws := make([]string, len(w))
	for j, x := range w {
		ws[j] = fmt.Sprintf("%.3f", x)
	}
	t.Logf("anchored refit bw %g L2 %g: %s", bw, l2, strings.Join(ws, ", "))
}

// TestFitFrozen keeps the weights in use and cross-validates one added feature at
// a time (its weight and the intercept fitted, by split folds).
func TestFitFrozen(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rows := fitRows(t, NewMatcher(base))
	inUsePs := make([]float64, len(rows))
	for i, r := range rows {
		inUsePs[i] = r.feat.confidence()
	}
	ref := tallies(rows, inUsePs, inUse)[slicesIndex(taus, decisionThreshold)]
	refFresh := freshTally(rows, inUsePs, decisionThreshold)
	t.Logf("weights in use: %v", ref)
	designs := []design{{name: "base"}}
	for e := range extraNames {
		designs = append(designs, design{name: "+" + extraNames[e], extras: []int{e}})
	}
	for _, d := range designs {
		ps := make([]float64, len(rows))
		for fold := 0; fold < cvFolds; fold++ {
			var train []fitRow
			for _, r := range rows {
				if r.fold != fold {
					train = append(train, r)
				}
			}
			w := fitFrozen(train, d, 1, 1e-2, inUse, true, true)
			for i, r := range rows {
				if r.fold == fold {
					ps[i] = prob(w, d.x(r))
				}
			}
		}
		s := tallies(rows, ps, inUse)[slicesIndex(taus, decisionThreshold)]
		t.Logf("frozen %-16s tau 0.80 %v | %s; fresh %s", d.name, s, pareto(rows, ps, ref, false), pareto(rows, ps, refFresh, true))
	}
}
