package loadtest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

const discordApp = "100000000000000001"

// discordKey stands in for the application's Ed25519 key pair; requests are signed with it
// exactly the way Discord signs them.
var discordKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{42}, ed25519.SeedSize))

// discordREST is a loopback stand-in for Discord's REST API. The interactions endpoint
// answers in the HTTP response, so REST is only called when a reply is deferred (the brain
// took over 1.5 s, or the reply needs several messages): it records those edits and
// follow-ups by interaction token. discordgo's endpoints are process globals, so the
// adapter package accepts one API base per process: one fake for the whole test binary.
type discordREST struct {
	srv *httptest.Server
	mu  sync.Mutex
	by  map[string]int // interaction token -> webhook calls
}

var (
	restOnce sync.Once
	rest     *discordREST
)

func theDiscordREST() *discordREST {
	restOnce.Do(func() {
		rest = &discordREST{by: map[string]int{}}
		rest.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			// /api/v10/webhooks/{app}/{token}[/messages/@original]
			parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v"+discordgo.APIVersion+"/"), "/")
			if len(parts) >= 3 && parts[0] == "webhooks" {
				rest.mu.Lock()
				rest.by[parts[2]]++
				rest.mu.Unlock()
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":"700000000000000001","channel_id":"300000000000000001","content":"","type":0}`)
		}))
	})
	return rest
}

func (r *discordREST) calls(token string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.by[token]
}

// signedInteraction is one /ask request body with its headers, signed in advance so the
// clients measure the endpoint and not their own signing.
type signedInteraction struct {
	body      []byte
	sig, ts   string
	token     string
	questionN int
}

// askInteractions builds n /ask interactions from distinct users: half in 200 study-group
// channels of one server, half in direct messages, with the locale of the question.
func askInteractions(qs []question, n int) []signedInteraction {
	out := make([]signedInteraction, n)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	for i := range n {
		q := qs[i%len(qs)]
		locale := "en-US"
		if q.lang != "en" {
			locale = "id"
		}
		token := "itoken-load-" + strconv.Itoa(i)
		user := map[string]any{"id": strconv.Itoa(800000000000000000 + i), "username": "student" + strconv.Itoa(i)}
		in := map[string]any{
			"id": strconv.Itoa(900000000000000000 + i), "application_id": discordApp, "type": 2,
			"token": token, "version": 1, "locale": locale,
			"data": map[string]any{"id": "600000000000000001", "name": "ask", "type": 1,
				"options": []map[string]any{{"name": "question", "type": 3, "value": q.text}}},
		}
		if i%2 == 0 {
			in["guild_id"] = "500000000000000001"
			in["channel_id"] = strconv.Itoa(400000000000000000 + i%200)
			in["member"] = map[string]any{"user": user, "roles": []string{}, "permissions": "0"}
		} else {
			in["channel_id"] = strconv.Itoa(300000000000000000 + i)
			in["user"] = user
		}
		body, _ := json.Marshal(in)
		out[i] = signedInteraction{body: body, ts: ts, token: token, questionN: i % len(qs),
			sig: hex.EncodeToString(ed25519.Sign(discordKey, append([]byte(ts), body...)))}
	}
	return out
}

// discordResult is what one request got.
type discordResult struct {
	latency  time.Duration
	deferred bool
	err      error
}

// runDiscord posts every interaction through clients concurrent HTTP clients to the real
// adapter's HTTPHandler on a loopback server and checks each answer: 200, an
// InteractionResponse that shows a message (or a deferral completed through REST).
func runDiscord(b *testing.B, brain *bot.Bot, ins []signedInteraction, clients int) (lat latencies, elapsed time.Duration, deferred int) {
	b.Helper()
	rest := theDiscordREST()
	a, err := discord.New(discord.Config{
		Token: "load-test-token", Mode: discord.ModeHTTP, ApplicationID: discordApp,
		PublicKey: hex.EncodeToString(discordKey.Public().(ed25519.PublicKey)),
		APIURL:    rest.srv.URL + "/",
	}, brain, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	url := srv.URL + discord.InteractionsPath
	transport := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: time.Minute}

	results := make([]discordResult, len(ins))
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(ins) {
					return
				}
				results[i] = postInteraction(client, url, ins[i])
			}
		})
	}
	wg.Wait()
	elapsed = time.Since(start)

	lat = make(latencies, 0, len(ins))
	for i, r := range results {
		if r.err != nil {
			b.Fatalf("interaction %d (%s): %v", i, ins[i].body, r.err)
		}
		if r.deferred {
			deferred++
		}
		lat = append(lat, r.latency)
	}
	// A deferred reply is completed by an edit through REST; wait for each of them.
	for i, r := range results {
		if !r.deferred {
			continue
		}
		deadline := time.Now().Add(time.Minute)
		for rest.calls(ins[i].token) == 0 {
			if time.Now().After(deadline) {
				b.Fatalf("interaction %d was deferred and never completed", i)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return lat, elapsed, deferred
}

func postInteraction(client *http.Client, url string, in signedInteraction) discordResult {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(in.body))
	if err != nil {
		return discordResult{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", in.sig)
	req.Header.Set("X-Signature-Timestamp", in.ts)
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return discordResult{err: err}
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	lat := time.Since(t0)
	if err != nil {
		return discordResult{err: err}
	}
	if resp.StatusCode != http.StatusOK {
		return discordResult{err: fmt.Errorf("status %d: %s", resp.StatusCode, body)}
	}
	// discordgo cannot decode components into its MessageComponent interface: read only
	// what a user would see.
	var ir struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data *struct {
			Content string            `json:"content"`
			Embeds  []json.RawMessage `json:"embeds"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &ir); err != nil {
		return discordResult{err: fmt.Errorf("response %s: %w", body, err)}
	}
	switch ir.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		if ir.Data == nil || (strings.TrimSpace(ir.Data.Content) == "" && len(ir.Data.Embeds) == 0) {
			return discordResult{err: fmt.Errorf("empty message response: %s", body)}
		}
		return discordResult{latency: lat}
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		return discordResult{latency: lat, deferred: true}
	}
	return discordResult{err: fmt.Errorf("response type %d, want a message: %s", ir.Type, body)}
}

// BenchmarkDiscordInteractions posts thousands of signed /ask interactions (the
// evaluation sets' EN/ID/mixed questions, distinct users, half in server channels, half in
// DMs) to the real adapter's HTTP interactions endpoint on loopback, from a few or many
// concurrent clients. Each request goes through body bounding, Ed25519 verification,
// decoding, the bot, rendering and the JSON response; latency is the client's round trip.
func BenchmarkDiscordInteractions(b *testing.B) {
	for _, c := range []struct{ clients, interactions int }{{8, 5000}, {64, 5000}} {
		b.Run(fmt.Sprintf("clients=%d/interactions=%d", c.clients, c.interactions), func(b *testing.B) {
			theBrain(b)
			theDiscordREST()
			ins := askInteractions(evalQuestions(b), c.interactions)
			runtime.GC()
			goroutinesBefore := runtime.NumGoroutine()
			var all latencies
			var busy time.Duration
			deferred := 0
			mem := startMemSampler()
			b.ResetTimer()
			for range b.N {
				lat, elapsed, d := runDiscord(b, theBrain(b), ins, c.clients)
				all = append(all, lat...)
				busy += elapsed
				deferred += d
			}
			b.StopTimer()
			mem.finish()
			goroutinesAfter := waitGoroutines(b, goroutinesBefore)
			b.ReportMetric(float64(len(all))/busy.Seconds(), "replies/s")
			all.report(b, "", true)
			mem.report(b, len(all))
			b.ReportMetric(float64(deferred), "deferred")
			b.ReportMetric(float64(goroutinesAfter-goroutinesBefore), "goroutines-leaked")
			b.Logf("%d interactions (%s), %d deferred, goroutines %d before, %d after, heap in use before %.1f MiB",
				len(all), fmtLangs(evalQuestions(b), c.interactions), deferred, goroutinesBefore, goroutinesAfter,
				float64(mem.start.HeapInuse)/mib)
		})
	}
}
