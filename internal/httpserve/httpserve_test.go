package httpserve

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestServeStopsWhenTheContextEnds(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("up")) })}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, srv, ln, time.Second) }()
	resp, err := http.Get("http://" + ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve after the context ended: %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the context ended")
	}
}

// TestPostChecks: a POST endpoint refuses other methods, oversized and unreadable bodies
// with the status a client can act on, and reads an acceptable body whole.
func TestPostChecks(t *testing.T) {
	for _, tc := range []struct {
		name, method, body string
		status             int
		ok                 bool
	}{
		{"post within the limit", http.MethodPost, "hello", http.StatusOK, true},
		{"get", http.MethodGet, "", http.StatusMethodNotAllowed, false},
		{"too large", http.MethodPost, strings.Repeat("x", 11), http.StatusRequestEntityTooLarge, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			r := httptest.NewRequest(tc.method, "/hook", strings.NewReader(tc.body))
			ok := AllowPost(w, r)
			var body []byte
			if ok {
				body, ok = ReadBody(w, r, 10)
			}
			if ok != tc.ok || w.Code != tc.status {
				t.Fatalf("ok %v status %d, want %v %d", ok, w.Code, tc.ok, tc.status)
			}
			if ok && string(body) != tc.body {
				t.Errorf("body %q, want %q", body, tc.body)
			}
			if tc.status == http.StatusMethodNotAllowed && w.Header().Get("Allow") != http.MethodPost {
				t.Errorf("Allow %q, want POST", w.Header().Get("Allow"))
			}
		})
	}
}
