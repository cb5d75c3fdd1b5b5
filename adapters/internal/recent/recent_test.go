package recent

import "testing"

// TestRemembersTheLastN: a repeated id is refused while remembered, and the oldest id is
// forgotten once n newer ones came.
func TestRemembersTheLastN(t *testing.T) {
	r := New[int](2)
	for _, step := range []struct {
		id   int
		want bool
	}{{0, true}, {0, false}, {1, true}, {2, true}, {0, true}, {2, false}, {1, true}} {
		if got := r.Add(step.id); got != step.want {
			t.Fatalf("Add(%d) = %v, want %v", step.id, got, step.want)
		}
	}
	if !r.Has(1) || !r.Has(0) || r.Has(2) {
		t.Errorf("remembers 0:%v 1:%v 2:%v, want 0 and 1 only", r.Has(0), r.Has(1), r.Has(2))
	}
}
