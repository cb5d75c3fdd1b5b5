package loadtest

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/testbrain"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// question is one line of the evaluation sets: what a student types, in which language.
type question struct {
	lang string // "en", "id" or "mixed"
	text string
}

var (
	brainCache testbrain.Cache
	questionsM sync.Mutex
	questionsC []question
)

// theBrain is the real bot over the embedded fact base, built once per test binary: the
// benchmarks measure the adapters under load, not loading the fact base.
func theBrain(tb testing.TB) *bot.Bot {
	return brainCache.Get(tb, bot.Options{BotName: "@cyberdiplo_load_bot"})
}

// evalQuestions reads every question of knowledge/testdata/eval/*.tsv (on-topic and
// off-topic, English, Indonesian and mixed), so the load has the real mix of answers,
// refusals and suggestions.
func evalQuestions(tb testing.TB) []question {
	tb.Helper()
	questionsM.Lock()
	defer questionsM.Unlock()
	if questionsC != nil {
		return questionsC
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "knowledge", "testdata", "eval", "*.tsv"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no evaluation questions found (%v)", err)
	}
	slices.Sort(files)
	var out []question
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.SplitN(line, "\t", 3)
			if len(cols) != 3 || strings.TrimSpace(cols[2]) == "" {
				continue
			}
			out = append(out, question{lang: cols[1], text: cols[2]})
		}
		f.Close()
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	if len(out) < 100 {
		tb.Fatalf("only %d evaluation questions", len(out))
	}
	questionsC = out
	return out
}

// langCounts says how many of the first n questions (cycled) are in each language.
func langCounts(qs []question, n int) map[string]int {
	c := map[string]int{}
	for i := range n {
		c[qs[i%len(qs)].lang]++
	}
	return c
}

// memSampler records the peak of the heap in use and of the memory obtained from the OS
// while a load runs. ReadMemStats stops the world briefly, so it samples every 20 ms.
type memSampler struct {
	stop     chan struct{}
	done     chan struct{}
	peakHeap uint64
	peakSys  uint64
	start    runtime.MemStats
	end      runtime.MemStats
}

func startMemSampler() *memSampler {
	m := &memSampler{stop: make(chan struct{}), done: make(chan struct{})}
	runtime.ReadMemStats(&m.start)
	m.peakHeap, m.peakSys = m.start.HeapInuse, m.start.Sys
	go func() {
		defer close(m.done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var s runtime.MemStats
		for {
			select {
			case <-m.stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&s)
				m.peakHeap = max(m.peakHeap, s.HeapInuse)
				m.peakSys = max(m.peakSys, s.Sys)
			}
		}
	}()
	return m
}

// finish stops sampling and takes the last reading.
func (m *memSampler) finish() {
	close(m.stop)
	<-m.done
	runtime.ReadMemStats(&m.end)
	m.peakHeap = max(m.peakHeap, m.end.HeapInuse)
	m.peakSys = max(m.peakSys, m.end.Sys)
}

// report reports the peaks and the allocations per unit of work, n units in all.
func (m *memSampler) report(b *testing.B, n int) {
	b.ReportMetric(float64(m.peakHeap)/mib, "peak-heap-MiB")
	b.ReportMetric(float64(m.peakSys)/mib, "peak-sys-MiB")
	b.ReportMetric(m.allocatedPer(n)/1024, "alloc-KiB/update")
}

// allocatedPer is the bytes allocated during the run per unit of work.
func (m *memSampler) allocatedPer(n int) float64 {
	return float64(m.end.TotalAlloc-m.start.TotalAlloc) / float64(n)
}

const mib = 1 << 20

// percentile is the q-quantile (0..1) of sorted durations, nearest rank.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	i = min(max(i, 0), len(sorted)-1)
	return sorted[i]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// waitGoroutines waits for the goroutine count to fall back to base: connections of the
// closed servers and clients end asynchronously. It gives them 3 s, then reports what is
// left; more than slack left after 10 s is a leak and fails the benchmark.
func waitGoroutines(tb testing.TB, base int) int {
	tb.Helper()
	const slack = 2
	settle := time.Now().Add(3 * time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= base || (n <= base+slack && time.Now().After(settle)) {
			return n
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			tb.Fatalf("goroutines: %d before the load, %d after it finished (leak?)\n%s", base, n, buf)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// latencies summarises a run for b.ReportMetric.
type latencies []time.Duration

func (l latencies) sorted() []time.Duration {
	s := slices.Clone([]time.Duration(l))
	slices.Sort(s)
	return s
}

// report reports the median and 99th percentile of l in milliseconds, their names
// prefixed with prefix ("burst-"), and with max the slowest too.
func (l latencies) report(b *testing.B, prefix string, withMax bool) {
	s := l.sorted()
	b.ReportMetric(ms(percentile(s, 0.50)), prefix+"p50-ms")
	b.ReportMetric(ms(percentile(s, 0.99)), prefix+"p99-ms")
	if withMax && len(s) > 0 {
		b.ReportMetric(ms(s[len(s)-1]), prefix+"max-ms")
	}
}
