package web

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Page figures (docs/load.md, "Web companion and charts"):
//
//	go test ./adapters/web -run '^$' -bench . -benchmem
func BenchmarkPage(b *testing.B) {
	h := newHarness(b, Config{AdminToken: testToken})
	q, _ := answerable(b, knowledge.ID)
	for _, bc := range []struct{ name, target string }{
		{"home", "/"},
		{"fact", "/fact/gge-2015-report?lang=id"},
		{"ask", "/ask?q=" + url.QueryEscape(q)},
		{"timeline-all", "/timeline"},
		{"timeline-2013-2021", "/timeline?from=2013&to=2021"},
		{"glossary", "/glossary"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			handler := h.srv.Handler()
			req := httptest.NewRequest(http.MethodGet, bc.target, nil)
			var size int
			for b.Loop() {
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
				size = rec.Body.Len()
			}
			b.ReportMetric(float64(size), "html-bytes")
		})
	}
}

// BenchmarkFactPageHTTP serves a fact page over loopback HTTP through the real server
// (timeouts, headers, keep-alive) to parallel clients; req/s is the throughput.
func BenchmarkFactPageHTTP(b *testing.B) {
	h := newHarness(b, Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.srv.Serve(ctx, ln) }()
	defer func() {
		cancel()
		<-done
	}()
	target := "http://" + ln.Addr().String() + "/fact/gge-2015-report?lang=id"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 10 * time.Second}
	b.SetParallelism(4)
	start := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Get(target)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}
