package discord

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

// countingBrain counts Handle calls and the most ever running at once.
type countingBrain struct {
	brain
	calls, running, peak atomic.Int64
	hold                 chan struct{} // when set, every Handle waits for it to close
}

func (c *countingBrain) Handle(ctx context.Context, m *bot.Message) *bot.Reply {
	c.calls.Add(1)
	n := c.running.Add(1)
	defer c.running.Add(-1)
	for p := c.peak.Load(); n > p && !c.peak.CompareAndSwap(p, n); p = c.peak.Load() {
	}
	if c.hold != nil {
		<-c.hold
	}
	return c.brain.Handle(ctx, m)
}

// startHTTPWith is startHTTP over another brain.
func startHTTPWith(t *testing.T, b brain, tune func(*Adapter)) (*Adapter, string) {
	t.Helper()
	a, _ := newTestAdapter(t, httpConfig(), b)
	if tune != nil {
		tune(a)
	}
	srv := httptest.NewServer(a.HTTPHandler())
	t.Cleanup(srv.Close)
	return a, srv.URL + InteractionsPath
}

// A signed interaction replayed within the timestamp window is not run again: a /report
// resent must be counted once. The replay gets a bare deferral, so Discord shows no error
// and no second message.
func TestHTTPReplayedInteractionRunsOnce(t *testing.T) {
	newFake(t)
	b := &countingBrain{brain: realBrain(t)}
	_, url := startHTTPWith(t, b, nil)
	report, _ := json.Marshal(slashCommand("870000000000000201", "report", []map[string]any{option("text", 3, "a wrong date")}))
	var types []int
	for range 3 {
		resp, err := http.DefaultClient.Do(signedRequest(t, url, report, testPrivate))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		types = append(types, decode[callbackBody](t, body).Type)
	}
	if types[0] != int(discordgo.InteractionResponseChannelMessageWithSource) {
		t.Fatalf("first request: response type %d", types[0])
	}
	for _, typ := range types[1:] {
		if typ != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
			t.Errorf("a replay got response type %d, want a bare deferral (types %v)", typ, types)
		}
	}
	if n := b.calls.Load(); n != 1 {
		t.Errorf("the bot ran %d times for one interaction sent three times", n)
	}
}

// However many interactions arrive at once, at most maxAnswering run the bot together; the
// others wait and are deferred within Discord's deadline rather than piling up.
func TestHTTPInteractionsInFlightAreBounded(t *testing.T) {
	f := newFake(t)
	b := &countingBrain{brain: realBrain(t), hold: make(chan struct{})}
	_, url := startHTTPWith(t, b, func(a *Adapter) { a.deferAfter = 1 })
	n := maxAnswering + 20
	var wg sync.WaitGroup
	types := make([]int, n)
	for i := range n {
		ask, _ := json.Marshal(slashCommand(strconv.Itoa(870000000000001000+i), "ask", []map[string]any{option(optQuestion, 3, "what is the OEWG?")}))
		wg.Go(func() {
			resp, err := http.DefaultClient.Do(signedRequest(t, url, ask, testPrivate))
			if err != nil {
				t.Error(err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			types[i] = decode[callbackBody](t, body).Type
		})
	}
	wg.Wait()
	for i, typ := range types {
		if typ != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
			t.Fatalf("interaction %d: response type %d, want a deferral while the bot is busy", i, typ)
		}
	}
	close(b.hold)
	for range n { // each deferred reply is completed by an edit through REST
		f.waitRequest(t, "a deferred reply completed", func(r recorded) bool {
			return r.Method == http.MethodPatch && strings.Contains(r.Path, "/messages/@original")
		})
	}
	if p := b.peak.Load(); p > maxAnswering {
		t.Errorf("%d interactions ran the bot at once, want at most %d", p, maxAnswering)
	}
}
