package knowledge

import (
	"os"
	"testing"
)

// Targets of issue #2 §2 for the public evaluation set.
const (
	wantTop1     = 0.92
	wantRefusals = 0.95
	maxWrong     = 0.02
)

// TestEvaluation runs the matcher over every knowledge/testdata/eval/*.tsv file and
// fails below the targets. `go test ./knowledge -run TestEvaluation -v` prints the
// per-file figures and every failure.
func TestEvaluation(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	rep, err := EvaluateFS(m, os.DirFS("testdata/eval"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Errorf("eval file problem: %s", p)
	}
	if rep.Total.Questions == 0 {
		t.Fatal("no evaluation questions found in testdata/eval")
	}
	for _, o := range rep.Failures() {
		t.Logf("FAIL %s", DescribeOutcome(o))
	}
	t.Logf("facts in base: %d\n%s", base.Len(), rep.Summary())
	tot := rep.Total
	if tot.Top1Rate() < wantTop1 {
		t.Errorf("top-1 on-topic %.1f%%, want ≥ %.0f%%", 100*tot.Top1Rate(), 100*wantTop1)
	}
	if tot.RefusalRate() < wantRefusals {
		t.Errorf("correct refusals %.1f%%, want ≥ %.0f%%", 100*tot.RefusalRate(), 100*wantRefusals)
	}
	if tot.WrongRate() > maxWrong {
		t.Errorf("answered-but-wrong %.2f%%, want ≤ %.0f%%", 100*tot.WrongRate(), 100*maxWrong)
	}
}
