package loadtest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// openFDs is how many file descriptors the process holds (Linux), or -1.
func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}

// BenchmarkDiscordInteractionsSQLite is the interactions load with chat state in a SQLite
// file, as deployed (and in memory, for comparison): every interaction reads and writes the database. All interactions
// arrive at once (one client each) under the shipped systemd unit's limit of 4,096 open
// files. It reports p50/p99, how many were deferred past 1.5 s, and the descriptors held:
// before, at the peak, and 10 s after the load.
func BenchmarkDiscordInteractionsSQLite(b *testing.B) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil {
		shipped := lim
		shipped.Cur = min(4096, lim.Max)
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &shipped); err == nil {
			b.Cleanup(func() { _ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim) })
		}
	}
	for _, c := range []struct {
		store      string
		concurrent int
	}{{"sqlite", 500}, {"sqlite", 1500}, {"memory", 500}, {"memory", 1500}} {
		concurrent := c.concurrent
		b.Run("store="+c.store+"/concurrent="+itoa(concurrent), func(b *testing.B) {
			base, err := knowledge.Embedded()
			if err != nil {
				b.Fatal(err)
			}
			opts := bot.Options{BotName: "@cyberdiplo_load_bot"}
			if c.store == "sqlite" {
				st, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "cyberdiplo.db"), storage.Options{})
				if err != nil {
					b.Fatal(err)
				}
				defer st.Close()
				opts.Store = st
			}
			brain := standard.New(base, knowledge.NewMatcher(base), opts)
			theDiscordREST()
			ins := askInteractions(evalQuestions(b), concurrent)
			runtime.GC()
			fdsBefore := openFDs()
			peak := fdsBefore
			stop := make(chan struct{})
			sampled := make(chan struct{})
			go func() {
				defer close(sampled)
				t := time.NewTicker(10 * time.Millisecond)
				defer t.Stop()
				for {
					select {
					case <-stop:
						return
					case <-t.C:
						peak = max(peak, openFDs())
					}
				}
			}()
			var all latencies
			deferred := 0
			b.ResetTimer()
			for range b.N {
				lat, _, d := runDiscord(b, brain, ins, concurrent)
				all = append(all, lat...)
				deferred += d
			}
			b.StopTimer()
			close(stop)
			<-sampled
			time.Sleep(10 * time.Second)
			fdsAfter := openFDs()
			all.report(b, "", true)
			b.ReportMetric(float64(deferred), "deferred")
			b.ReportMetric(float64(peak), "peak-fds")
			b.ReportMetric(float64(fdsAfter), "fds-after-10s")
			b.Logf("%d interactions at once: fds %d before, %d at the peak, %d 10 s after", len(all), fdsBefore, peak, fdsAfter)
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
