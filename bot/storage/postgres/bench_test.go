package postgres_test

import (
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/storetest"
	"github.com/cyberdiplo/cyberdiplo/internal/pgtest"
)

// bench runs fn on a fresh database and reports, through Observe, the store operations
// per message and the mean time of each kind (where the time goes).
func bench(b *testing.B, fn func(*testing.B, storetest.Store)) {
	var mu sync.Mutex
	count := map[string]int{}
	took := map[string]time.Duration{}
	s := open(b, pgtest.Database(b), postgres.Options{Observe: func(op string, d time.Duration, _ error) {
		mu.Lock()
		count[op]++
		took[op] += d
		mu.Unlock()
	}})
	fn(b, s)
	mu.Lock()
	defer mu.Unlock()
	total := 0
	ops := make([]string, 0, len(count))
	for op, n := range count {
		total += n
		ops = append(ops, op)
	}
	sort.Strings(ops)
	b.ReportMetric(float64(total)/float64(b.N), "ops/msg")
	for _, op := range ops {
		b.ReportMetric(float64(took[op].Microseconds())/float64(count[op]), "µs/"+op)
	}
}

func BenchmarkQuestionPostgres(b *testing.B)   { bench(b, storetest.BenchQuestion) }
func BenchmarkStoreCallsPostgres(b *testing.B) { bench(b, storetest.BenchStoreCalls) }
