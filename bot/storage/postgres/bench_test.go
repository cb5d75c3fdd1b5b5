package postgres_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/storetest"
	"github.com/cyberdiplo/cyberdiplo/internal/pgtest"
)

// bench runs fn on a fresh database, reporting the store operations per message
// (counted through Observe).
func bench(b *testing.B, fn func(*testing.B, storetest.Store)) {
	var ops atomic.Int64
	s := open(b, pgtest.Database(b), postgres.Options{Observe: func(string, time.Duration, error) { ops.Add(1) }})
	fn(b, s)
	b.ReportMetric(float64(ops.Load())/float64(b.N), "ops/msg")
}

func BenchmarkQuestionPostgres(b *testing.B)   { bench(b, storetest.BenchQuestion) }
func BenchmarkStoreCallsPostgres(b *testing.B) { bench(b, storetest.BenchStoreCalls) }
