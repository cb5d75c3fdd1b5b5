package discord

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/fakecluster"
)

// httpReplica serves http mode on a loopback port with its own view of c.
func httpReplica(t *testing.T, c *fakecluster.Cluster, name string, b brain, tune func(*Adapter)) (*Adapter, string, *fakecluster.KillSwitch) {
	t.Helper()
	ks := &fakecluster.KillSwitch{}
	a, url := startHTTPWith(t, b, func(a *Adapter) {
		a.SetInbox(c.Replica(name))
		a.session.Client = &http.Client{Transport: ks, Timeout: 5 * time.Second}
		if tune != nil {
			tune(a)
		}
	})
	return a, url, ks
}

// post sends a signed interaction and returns the response type (0 unless 200).
func post(t *testing.T, url string, body []byte) int {
	t.Helper()
	resp, err := http.DefaultClient.Do(signedRequest(t, url, body, testPrivate))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, out)
	}
	return decode[callbackBody](t, out).Type
}

// An interaction reaching two replicas, or one twice (a load balancer's retry), runs the
// bot once and gets one message: the repeats get a bare deferral (5 for a command, 6 for a
// button), which shows nothing more.
func TestHTTPReplicasAnswerAnInteractionOnce(t *testing.T) {
	f := newFake(t)
	c := fakecluster.New()
	b := &countingBrain{brain: realBrain(t)}
	a1, url1, _ := httpReplica(t, c, "r1", b, nil)
	a2, url2, _ := httpReplica(t, c, "r2", b, nil)
	question, _ := answeredQuestion(t, realBrain(t))
	ask, _ := json.Marshal(slashCommand("870000000000003001", "ask", []map[string]any{option(optQuestion, 3, question)}))
	pageID, _ := encodeCustomID("", "/timeline p2")
	press, _ := json.Marshal(interaction("870000000000003002", 3, map[string]any{"custom_id": pageID, "component_type": 2}, true))
	for _, tc := range []struct {
		name          string
		body          []byte
		first, repeat discordgo.InteractionResponseType
	}{
		{"slash command", ask, discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseDeferredChannelMessageWithSource},
		{"button", press, discordgo.InteractionResponseUpdateMessage, discordgo.InteractionResponseDeferredMessageUpdate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := b.calls.Load()
			if got := post(t, url1, tc.body); got != int(tc.first) {
				t.Fatalf("first delivery: type %d, want %d", got, tc.first)
			}
			for _, url := range []string{url2, url1, url2} {
				if got := post(t, url, tc.body); got != int(tc.repeat) {
					t.Errorf("repeat: type %d, want a bare deferral %d", got, tc.repeat)
				}
			}
			a1.work.Wait()
			a2.work.Wait()
			if n := b.calls.Load() - before; n != 1 {
				t.Errorf("the bot ran %d times, want once", n)
			}
		})
	}
	for _, r := range f.recordedRequests() {
		if strings.HasPrefix(r.Path, "/webhooks/") || strings.HasPrefix(r.Path, "/interactions/") {
			t.Errorf("a repeat sent a message: %s %s", r.Method, r.Path)
		}
	}
}

// A replica that deferred a reply and died: another replica's sweep sends the reply,
// once, with the interaction's token; a second sweep (by it or a third replica) sends
// nothing more. A deferral left too long is dropped, its token being expired.
func TestHTTPDeferredReplyOfADeadReplicaIsSentOnce(t *testing.T) {
	f := newFake(t)
	c := fakecluster.New()
	slow := &slowBrain{brain: realBrain(t), entered: make(chan struct{}, 1), release: make(chan struct{})}
	a1, url1, kill1 := httpReplica(t, c, "r1", slow, func(a *Adapter) { a.deferAfter = 10 * time.Millisecond })
	b := &countingBrain{brain: realBrain(t)}
	a2, url2, _ := httpReplica(t, c, "r2", b, nil)
	a3, _, _ := httpReplica(t, c, "r3", b, nil)

	question, _ := answeredQuestion(t, realBrain(t))
	const id = "870000000000003101"
	ask, _ := json.Marshal(slashCommand(id, "ask", []map[string]any{option(optQuestion, 3, question)}))
	if got := post(t, url1, ask); got != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Fatalf("r1 answered type %d, want a deferral (its bot is slow)", got)
	}
	<-slow.entered
	// r1 dies with the reply unsent.
	kill1.Kill()
	c.Kill("r1")
	close(slow.release)
	// The load balancer retries at r2: acknowledged, not answered again.
	if got := post(t, url2, ask); got != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Errorf("the retry at r2: type %d, want a bare deferral", got)
	}

	// An older deferral of the dead replica, past the token's life.
	expired, _ := json.Marshal(slashCommand("870000000000003102", "ask", []map[string]any{option(optQuestion, 3, question)}))
	payload, _ := json.Marshal(deferredRecord{Interaction: expired})
	if _, err := c.Replica("r1-before").HoldUpdate(context.Background(), inboxDeferred, 870000000000003102, payload, time.Now().Add(-20*time.Minute)); err != nil {
		t.Fatal(err)
	}
	c.Kill("r1-before")

	edits := func(token string) int {
		n := 0
		for _, r := range f.recordedRequests() {
			if r.Method == http.MethodPatch && strings.Contains(r.Path, "/"+token+"/messages/@original") {
				n++
			}
		}
		return n
	}
	ctx := context.Background()
	a2.sweepOnce(ctx)
	a2.work.Wait()
	a3.sweepOnce(ctx)
	a2.sweepOnce(ctx)
	a3.work.Wait()
	a2.work.Wait()
	if n := edits("itoken-" + id); n != 1 {
		t.Errorf("the deferred reply was sent %d times, want once", n)
	}
	if n := edits("itoken-870000000000003102"); n != 0 {
		t.Errorf("an expired deferral was answered %d times, want never", n)
	}
	if n := b.calls.Load(); n != 1 {
		t.Errorf("the survivors ran the bot %d times, want once", n)
	}
	for _, rid := range []int64{870000000000003101, 870000000000003102} {
		if row, ok := c.Row(inboxDeferred, rid); !ok || !row.Finished {
			t.Errorf("deferred row %d not finished: %+v", rid, row)
		}
	}
	a1.work.Wait() // the dead replica's own attempt failed and reached nobody
	if n := edits("itoken-" + id); n != 1 {
		t.Errorf("after the dead replica gave up: %d edits, want 1", n)
	}
}

// A running replica sweeps the inbox every inbox_sweep: a deferred reply left by a replica
// that died after this one started is sent without a restart.
func TestHTTPSweepRunsPeriodically(t *testing.T) {
	f := newFake(t)
	c := fakecluster.New()
	cfg := httpConfig()
	cfg.InboxSweep = 20 * time.Millisecond
	a, _ := newTestAdapter(t, cfg, realBrain(t))
	a.SetInbox(c.Replica("live"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})

	question, _ := answeredQuestion(t, realBrain(t))
	const id = "870000000000003201"
	body, _ := json.Marshal(slashCommand(id, "ask", []map[string]any{option(optQuestion, 3, question)}))
	payload, _ := json.Marshal(deferredRecord{Interaction: body})
	if _, err := c.Replica("dead").HoldUpdate(context.Background(), inboxDeferred, 870000000000003201, payload, time.Now()); err != nil {
		t.Fatal(err)
	}
	c.Kill("dead")
	f.waitRequest(t, "the dead replica's deferred reply sent", func(r recorded) bool {
		return r.Method == http.MethodPatch && strings.Contains(r.Path, "/itoken-"+id+"/messages/@original")
	})
}

// A load balancer that gives up on a slow replica and retries at another: the other
// answers with a bare deferral, and the slow replica's answer, which no one was waiting
// for any more, edits that deferral instead of being lost.
func TestHTTPAnswerAbandonedByTheBalancerEditsTheRetrysDeferral(t *testing.T) {
	f := newFake(t)
	c := fakecluster.New()
	slow := &slowBrain{brain: realBrain(t), entered: make(chan struct{}, 1), release: make(chan struct{})}
	a1, url1, _ := httpReplica(t, c, "r1", slow, func(a *Adapter) { a.deferAfter = time.Minute })
	b := &countingBrain{brain: realBrain(t)}
	_, url2, _ := httpReplica(t, c, "r2", b, nil)
	question, _ := answeredQuestion(t, realBrain(t))
	const id = "870000000000003301"
	ask, _ := json.Marshal(slashCommand(id, "ask", []map[string]any{option(optQuestion, 3, question)}))

	impatient := &http.Client{Timeout: 100 * time.Millisecond}
	if resp, err := impatient.Do(signedRequest(t, url1, ask, testPrivate)); err == nil {
		resp.Body.Close()
		t.Fatal("r1 answered before its bot did")
	}
	<-slow.entered
	if got := post(t, url2, ask); got != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Fatalf("the retry at r2: type %d, want a bare deferral", got)
	}
	close(slow.release)
	edit := f.waitRequest(t, "r1's answer as an edit", func(r recorded) bool {
		return r.Method == http.MethodPatch && strings.Contains(r.Path, "/itoken-"+id+"/messages/@original")
	})
	if v := edit.json(t); v["embeds"] == nil {
		t.Errorf("the edit carries no answer: %s", edit.Body)
	}
	a1.work.Wait()
	if n := b.calls.Load(); n != 0 {
		t.Errorf("r2 ran the bot %d times for a retry", n)
	}
}
