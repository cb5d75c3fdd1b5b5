package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// PoolStats is a snapshot of a database connection pool, as WatchPool reads it. The
// metrics package names no database driver: the caller converts its store's statistics.
type PoolStats struct {
	Acquired, Idle, Total, Max int32
}

// dbQueryOps bounds the "op" label of cyberdiplo_db_query_duration_seconds: a store's
// operations are its method names, a few dozen; anything past this many distinct names
// is counted as "other", so a store that put data into the name could not grow the
// series without bound.
const dbQueryOps = 64

// dbMetrics is the database part of Metrics, made on first use: a process on SQLite or
// in memory exposes no cyberdiplo_db_* series at all.
type dbMetrics struct {
	queries *prometheus.HistogramVec
	ops     map[string]bool
}

// ObserveQuery records one store operation: its name (the store's method, such as
// "Chat" or "HoldUpdate"), how long it took, and whether it failed. Its signature is the
// PostgreSQL store's Options.Observe. Safe for concurrent use; a no-op on nil.
func (m *Metrics) ObserveQuery(op string, d time.Duration, err error) {
	if m == nil {
		return
	}
	db := m.dbInit()
	result := "ok"
	if err != nil {
		result = "error"
	}
	op = boundedLabel(op)
	m.dbMu.Lock()
	if !db.ops[op] {
		if len(db.ops) >= dbQueryOps {
			op = "other"
		}
		db.ops[op] = true
	}
	m.dbMu.Unlock()
	db.queries.WithLabelValues(op, result).Observe(d.Seconds())
}

// WatchPool exposes the pool's connections as the gauges cyberdiplo_db_pool_acquired,
// _idle, _total and _max, read from stats at each scrape. Call it once per process.
func (m *Metrics) WatchPool(stats func() PoolStats) {
	if m == nil || stats == nil {
		return
	}
	m.dbInit()
	gauge := func(name, help string, read func(PoolStats) int32) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: Namespace, Name: "db_pool_" + name, Help: help},
			func() float64 { return float64(read(stats())) })
	}
	m.reg.MustRegister(
		gauge("acquired", "Database connections in use now.", func(s PoolStats) int32 { return s.Acquired }),
		gauge("idle", "Database connections open and idle now.", func(s PoolStats) int32 { return s.Idle }),
		gauge("total", "Database connections open now (in use, idle, or being opened).", func(s PoolStats) int32 { return s.Total }),
		gauge("max", "The most database connections the pool may open (storage.max_conns).", func(s PoolStats) int32 { return s.Max }),
	)
}

// dbInit registers the query histogram the first time the database is mentioned.
func (m *Metrics) dbInit() *dbMetrics {
	m.dbOnce.Do(func() {
		m.db = &dbMetrics{
			queries: prometheus.NewHistogramVec(prometheus.HistogramOpts{
				Namespace: Namespace, Name: "db_query_duration_seconds",
				Help: "Time a chat-state database operation took, by operation and result (ok, error).",
				// 50µs to ~1.6s: a loopback round trip is a few hundred µs; the upper buckets
				// show a saturated pool or a distant server.
				Buckets: prometheus.ExponentialBuckets(0.00005, 2, 16),
			}, []string{"op", "result"}),
			ops: map[string]bool{},
		}
		m.reg.MustRegister(m.db.queries)
	})
	return m.db
}
