package postgres_test

import (
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
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

// BenchmarkFloodBucketShared is what a flood limit shared by every replica would cost each
// message: one token-bucket UPDATE … RETURNING on PostgreSQL (compare
// adapters/telegram's BenchmarkFloodLimitPerReplica, the in-memory check kept instead).
func BenchmarkFloodBucketShared(b *testing.B) {
	s := open(b, pgtest.Database(b), postgres.Options{})
	ctx := b.Context()
	pool := s.Pool()
	if _, err := pool.Exec(ctx, `CREATE TABLE flood_buckets (key TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, at DOUBLE PRECISION NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO flood_buckets SELECT 'u' || g, 5, 0 FROM generate_series(0, 999) g`); err != nil {
		b.Fatal(err)
	}
	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			key := "u" + strconv.FormatInt(next.Add(1)%1000, 10)
			now := float64(time.Now().UnixNano()) / 1e9
			var tokens float64
			if err := pool.QueryRow(ctx, `UPDATE flood_buckets
				SET tokens = LEAST(5, tokens + ($1 - at) * 0.1) - 1, at = $1
				WHERE key = $2 RETURNING tokens`, now, key).Scan(&tokens); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
