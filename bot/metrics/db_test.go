package metrics

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestDatabaseMetrics(t *testing.T) {
	m := New(Options{NoRuntime: true})
	if _, ok := lookup(t, m.Gatherer(), "cyberdiplo_db_pool_total"); ok {
		t.Fatal("a process without a database server exposes pool gauges")
	}
	stats := PoolStats{Acquired: 2, Idle: 3, Total: 5, Max: 10}
	var mu sync.Mutex
	m.WatchPool(func() PoolStats { mu.Lock(); defer mu.Unlock(); return stats })
	m.ObserveQuery("Chat", 300*time.Microsecond, nil)
	m.ObserveQuery("Chat", 2*time.Millisecond, nil)
	m.ObserveQuery("HoldUpdate", time.Millisecond, errors.New("connection reset"))

	for name, want := range map[string]float64{"acquired": 2, "idle": 3, "total": 5, "max": 10} {
		if got := sample(t, m.Gatherer(), "cyberdiplo_db_pool_"+name); got != want {
			t.Errorf("db_pool_%s = %v, want %v", name, got, want)
		}
	}
	mu.Lock()
	stats.Acquired = 7
	mu.Unlock()
	if got := sample(t, m.Gatherer(), "cyberdiplo_db_pool_acquired"); got != 7 {
		t.Errorf("the gauge is not read at scrape time: %v", got)
	}
	if got := sample(t, m.Gatherer(), "cyberdiplo_db_query_duration_seconds", "op", "Chat", "result", "ok"); got != 2 {
		t.Errorf("Chat queries = %v, want 2", got)
	}
	if got := sample(t, m.Gatherer(), "cyberdiplo_db_query_duration_seconds", "op", "HoldUpdate", "result", "error"); got != 1 {
		t.Errorf("failed HoldUpdate = %v, want 1", got)
	}
}

func TestDatabaseOpsBounded(t *testing.T) {
	m := New(Options{NoRuntime: true})
	for i := range 3 * dbQueryOps {
		m.ObserveQuery(fmt.Sprintf("Op%d", i), time.Millisecond, nil)
	}
	mfs, err := m.Gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "cyberdiplo_db_query_duration_seconds" && len(mf.GetMetric()) > dbQueryOps+1 {
			t.Errorf("%d op series, want at most %d", len(mf.GetMetric()), dbQueryOps+1)
		}
	}
	var nilMetrics *Metrics
	nilMetrics.ObserveQuery("Chat", time.Millisecond, nil) // must not panic
	nilMetrics.WatchPool(func() PoolStats { return PoolStats{} })
}
