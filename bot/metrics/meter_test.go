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

type deferringSink struct{ recordingSink }

func (d *deferringSink) UpdateDeferred(p string) { d.calls = append(d.calls, "deferred "+p) }

// TestMeterDeferred: an update refused while busy is counted as deferred where the sink
// can count it, and never as a dropped send.
func TestMeterDeferred(t *testing.T) {
	var zero Meter
	zero.Deferred()
	plain := &recordingSink{}
	NewMeter(plain, "telegram").Deferred()
	if len(plain.calls) != 0 {
		t.Errorf("a sink without UpdateDeferred counted %q", plain.calls)
	}
	d := &deferringSink{}
	NewMeter(d, "telegram").Deferred()
	if want := []string{"deferred telegram"}; !reflect.DeepEqual(d.calls, want) {
		t.Errorf("counted %q, want %q", d.calls, want)
	}
	m := New(Options{NoRuntime: true})
	NewMeter(m, "telegram").Deferred()
	if got := sample(t, m.Gatherer(), "cyberdiplo_updates_deferred_total", "platform", "telegram"); got != 1 {
		t.Errorf("cyberdiplo_updates_deferred_total = %v, want 1", got)
	}
}
