package metrics

import (
	"reflect"
	"testing"
)

type recordingSink struct{ calls []string }

func (r *recordingSink) MessageIn(p string)       { r.calls = append(r.calls, "in "+p) }
func (r *recordingSink) MessageOut(p string)      { r.calls = append(r.calls, "out "+p) }
func (r *recordingSink) SendError(p, kind string) { r.calls = append(r.calls, "err "+p+" "+kind) }

func TestMeter(t *testing.T) {
	var zero Meter // an adapter whose metrics were never set
	zero.In()
	zero.Out()
	zero.Error(SendServer)
	zero.Dropped()
	if zero.Enabled() {
		t.Error("zero Meter reports itself enabled")
	}

	sink := &recordingSink{}
	m := NewMeter(sink, "telegram")
	m.In()
	m.Out()
	m.Error(SendServer)
	m.Dropped()
	want := []string{"in telegram", "out telegram", "err telegram " + SendServer, "err telegram " + SendDropped}
	if !m.Enabled() || !reflect.DeepEqual(sink.calls, want) {
		t.Errorf("counted %q (enabled %v), want %q", sink.calls, m.Enabled(), want)
	}
}
