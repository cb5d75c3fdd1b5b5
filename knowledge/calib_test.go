//go:build calibrate

// Calibration tools for the decision thresholds and ranking weights, kept out of
// the normal test run (they print tables and assert nothing):
//
//	go test ./knowledge -tags calibrate -run TestCalibrationTable -v
//	go test ./knowledge -tags calibrate -run TestCalibrationSweep -v
package knowledge

import (
	"fmt"
	"os"
	"testing"
)

type calibRow struct {
	ok, on                         bool
	rel, cov, mar, know, info, cos float64
}

func calibRows(t *testing.T, base *Base, tune tuning) []calibRow {
	m := newTunedMatcher(base, tune)
	var rows []calibRow
	for _, name := range []string{"facts_a.tsv", "facts_b.tsv", "facts_c.tsv", "general.tsv", "offtopic.tsv"} {
		f, err := os.Open("testdata/eval/" + name)
		if err != nil {
			t.Fatal(err)
		}
		cases, _, _ := ParseEval(f, name)
		f.Close()
		for _, c := range cases {
			res, ft := m.match(c.Question, EN)
			ok := len(res.Candidates) > 0 && res.Candidates[0].Fact.ID == c.Want
			rows = append(rows, calibRow{ok, c.Want != "", ft.rel, ft.coverage, ft.margin, ft.known, ft.info, ft.cosTop})
		}
	}
	return rows
}

func bestRule(rows []calibRow) (float64, string) {
	best, desc := 0.0, ""
	nOn, nOff := 0, 0
	for _, r := range rows {
		if r.on {
			nOn++
		} else {
			nOff++
		}
	}
	for _, c := range []float64{0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1} {
		for _, tr := range []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5} {
			for _, mc := range []float64{0.3, 0.4, 0.5, 0.6} {
				top, wrong, ref := 0, 0, 0
				for _, r := range rows {
					ans := r.mar >= c && r.rel*r.cov >= tr && r.cov >= mc && r.know >= minKnown && r.cos >= minPhraseSim
					switch {
					case r.on && ans && r.ok:
						top++
					case ans:
						wrong++
					case !r.on:
						ref++
					}
				}
				t1 := float64(top) / float64(nOn)
				if float64(wrong)/float64(len(rows)) <= 0.015 && float64(ref)/float64(nOff) >= 0.95 && t1 > best {
					best, desc = t1, fmt.Sprintf("mar>=%.2f rc>=%.2f cov>=%.1f wrong=%d", c, tr, mc, wrong)
				}
			}
		}
	}
	return best, desc
}

func TestCalibrationSweep(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range []float64{0.2, 0.3, 0.4} {
		for _, aw := range []float64{1.2, 1.6, 2.0} {
			for _, ep := range []float64{0.6, 0.75} {
				rows := calibRows(t, base, tuning{angleIDF: aw, phraseShare: ps, entityPenalty: ep})
				r1 := 0
				for _, r := range rows {
					if r.on && r.ok {
						r1++
					}
				}
				b, d := bestRule(rows)
				t.Logf("phrase %.2f angle %.2f entity %.2f rank1 %d best %.3f %s", ps, aw, ep, r1, b, d)
			}
		}
	}
}

// TestCalibrationTable prints top-1 and wrong answers over the decision
// thresholds at the current ranking weights.
func TestCalibrationTable(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rows := calibRows(t, base, defaultTuning())
	nOn := 0
	for _, r := range rows {
		if r.on {
			nOn++
		}
	}
	for _, c := range []float64{0.03, 0.04, 0.05, 0.06} {
		for _, ref := range []float64{0, 3, 5, 8} {
			line := fmt.Sprintf("margin %.2f ref %.0f:", c, ref)
			for _, tr := range []float64{0.22, 0.25, 0.27, 0.3, 0.33} {
				top, wrong, offAns := 0, 0, 0
				for _, r := range rows {
					need := c
					if r.info > 0 && r.info < ref {
						need = c * ref / r.info
					}
					ans := r.mar >= need && r.rel*r.cov >= tr && r.cov >= minCoverage && r.know >= minKnown && r.cos >= minPhraseSim
					switch {
					case r.on && ans && r.ok:
						top++
					case ans:
						wrong++
						if !r.on {
							offAns++
						}
					}
				}
				line += fmt.Sprintf("  rc%.2f %.1f%%/%d(%d)", tr, 100*float64(top)/float64(nOn), wrong, offAns)
			}
			t.Log(line)
		}
	}
}
