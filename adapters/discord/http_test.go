package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// testKeys is a fixed Ed25519 key pair standing in for the application's.
var testPublic, testPrivate = func() (ed25519.PublicKey, ed25519.PrivateKey) {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	return priv.Public().(ed25519.PublicKey), priv
}()

func httpConfig() Config {
	return Config{Token: testToken, APIURL: fakeBase, Mode: ModeHTTP, ApplicationID: testApp,
		PublicKey: hex.EncodeToString(testPublic), Listen: "127.0.0.1:0", ShutdownTimeout: 5 * time.Second}
}

// signedRequest is a POST /interactions signed the way Discord signs it.
func signedRequest(t testing.TB, url string, body []byte, key ed25519.PrivateKey) *http.Request {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(key, append([]byte(ts), body...))
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", ts)
	return req
}

// startHTTP runs an adapter in http mode on a loopback port.
func startHTTP(t *testing.T, f *fakeDiscord) (*running, string) {
	t.Helper()
	a, logs := newTestAdapter(t, httpConfig(), realBrain(t))
	addr := make(chan net.Addr, 1)
	a.listening = func(ad net.Addr) { addr <- ad }
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{a: a, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- a.Run(ctx) }()
	t.Cleanup(cancel)
	select {
	case ad := <-addr:
		return r, "http://" + ad.String() + InteractionsPath
	case err := <-r.done:
		t.Fatalf("Run: %v", err)
	case <-time.After(waitLimit):
		t.Fatal("the interactions endpoint never listened")
	}
	return nil, ""
}

func TestHTTPInteractions(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, want := answeredQuestion(t, b)
	r, url := startHTTP(t, f)
	_, otherKey, _ := ed25519.GenerateKey(nil)
	ask, _ := json.Marshal(slashCommand("870000000000000101", "ask", []map[string]any{option(optQuestion, 3, question)}))

	complete, _ := json.Marshal(interaction("870000000000000102", 4, map[string]any{
		"id": "600000000000000001", "name": "fact", "type": 1,
		"options": []map[string]any{{"name": optID, "type": 3, "value": "oewg", "focused": true}},
	}, true))
	pageID, _ := encodeCustomID("", "/timeline p2")
	press, _ := json.Marshal(interaction("870000000000000103", 3, map[string]any{"custom_id": pageID, "component_type": 2}, true))

	for _, tc := range []struct {
		name       string
		req        func() *http.Request
		wantStatus int
		wantType   discordgo.InteractionResponseType
	}{
		{"ping", func() *http.Request { return signedRequest(t, url, []byte(`{"id":"1","type":1}`), testPrivate) },
			http.StatusOK, discordgo.InteractionResponsePong},
		{"ask with a valid signature", func() *http.Request { return signedRequest(t, url, ask, testPrivate) },
			http.StatusOK, discordgo.InteractionResponseChannelMessageWithSource},
		{"autocomplete", func() *http.Request { return signedRequest(t, url, complete, testPrivate) },
			http.StatusOK, discordgo.InteractionApplicationCommandAutocompleteResult},
		{"page button", func() *http.Request { return signedRequest(t, url, press, testPrivate) },
			http.StatusOK, discordgo.InteractionResponseUpdateMessage},
		{"signed by another key", func() *http.Request { return signedRequest(t, url, ask, otherKey) },
			http.StatusUnauthorized, 0},
		{"body changed after signing", func() *http.Request {
			req := signedRequest(t, url, ask, testPrivate)
			req.Body = io.NopCloser(bytes.NewReader(bytes.Replace(ask, []byte("ask"), []byte("asx"), 1)))
			return req
		}, http.StatusUnauthorized, 0},
		{"no signature", func() *http.Request {
			req := signedRequest(t, url, ask, testPrivate)
			req.Header.Del("X-Signature-Ed25519")
			return req
		}, http.StatusUnauthorized, 0},
		{"stale timestamp", func() *http.Request {
			ts := strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10)
			req := signedRequest(t, url, ask, testPrivate)
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(testPrivate, append([]byte(ts), ask...))))
			return req
		}, http.StatusUnauthorized, 0},
		{"oversized body, rejected before verification", func() *http.Request {
			return signedRequest(t, url, bytes.Repeat([]byte(" "), maxInteractionBody+1), testPrivate)
		}, http.StatusRequestEntityTooLarge, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(tc.req())
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, body, tc.wantStatus)
			}
			if tc.wantStatus != http.StatusOK {
				return
			}
			got := decode[callbackBody](t, body)
			if got.Type != int(tc.wantType) {
				t.Fatalf("response type %d, want %d", got.Type, tc.wantType)
			}
			if tc.wantType == discordgo.InteractionApplicationCommandAutocompleteResult && len(got.Data.Choices) == 0 {
				t.Errorf("no autocomplete choices for \"oewg\": %s", body)
			}
			if tc.wantType == discordgo.InteractionResponseUpdateMessage && len(got.Data.Embeds) == 0 {
				t.Errorf("the page button did not render a page: %s", body)
			}
			if tc.wantType == discordgo.InteractionResponseChannelMessageWithSource &&
				(len(got.Data.Embeds) == 0 || got.Data.Embeds[0].Title != truncate(want.Title, maxEmbedTitle)) {
				t.Errorf("answer %s, want an embed titled %q", body, want.Title)
			}
		})
	}
	if h := r.a.Health(); !h.Connected || h.Mode != ModeHTTP {
		t.Errorf("health while serving = %+v, want http mode connected", h)
	}
	if resp, err := http.Get(url); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /interactions = %v, %v; want 405", resp, err)
	} else {
		resp.Body.Close()
	}
	r.stop(t)
	if r.a.Health().Connected {
		t.Error("health still connected after shutdown")
	}
	// No gateway in http mode, and the interaction was answered in the HTTP body only.
	for _, req := range f.recordedRequests() {
		if req.Path == "/gateway" || strings.HasPrefix(req.Path, "/interactions/") {
			t.Errorf("http mode called %s %s", req.Method, req.Path)
		}
	}
}

// benchInteraction is a signed /ask interaction for the benchmarks.
func benchInteraction(b *testing.B) (http.Handler, []byte, string, string) {
	a, err := newAdapter(httpConfig(), realBrain(b), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	body, _ := json.Marshal(slashCommand("870000000000000201", "ask", []map[string]any{option(optQuestion, 3, "When was the Budapest Convention adopted?")}))
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(testPrivate, append([]byte(ts), body...)))
	return a.HTTPHandler(), body, sig, ts
}

func serveBench(b *testing.B, h http.Handler, body []byte, sig, ts string) {
	req := httptest.NewRequest(http.MethodPost, InteractionsPath, bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", sig)
	req.Header.Set("X-Signature-Timestamp", ts)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
}

// BenchmarkHTTPInteraction measures /ask interactions handled per second through the
// http-mode endpoint: body bound, Ed25519 verification, decoding, matching, rendering and
// the JSON response.
func BenchmarkHTTPInteraction(b *testing.B) {
	h, body, sig, ts := benchInteraction(b)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		serveBench(b, h, body, sig, ts)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "interactions/s")
}

// BenchmarkHTTPInteractionParallel is the same with concurrent requests on all CPUs.
func BenchmarkHTTPInteractionParallel(b *testing.B) {
	h, body, sig, ts := benchInteraction(b)
	b.ReportAllocs()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			serveBench(b, h, body, sig, ts)
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "interactions/s")
}
