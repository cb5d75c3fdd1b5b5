package study

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// recordingSender is a Sender that remembers what it pushed.
type recordingSender struct {
	mu    sync.Mutex
	sent  map[string][]*bot.Reply
	fail  bool
	calls int
}

func (r *recordingSender) Send(ctx context.Context, chatKey string, rep *bot.Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.fail {
		return errors.New("platform down")
	}
	if r.sent == nil {
		r.sent = map[string][]*bot.Reply{}
	}
	r.sent[chatKey] = append(r.sent[chatKey], rep)
	return nil
}

func TestSendDueDaily(t *testing.T) {
	ctx := context.Background()
	b, clock := newStudyBot(t, nil)
	studyStore := b.store
	// 2026-07-22 00:30 UTC = 07:30 WIB.
	clock.Set(time.Date(2026, 7, 22, 0, 30, 0, 0, time.UTC))
	if r := send(t, b, groupMsg("g1", "member", "/daily on")); r == nil || r.Kind != bot.KindError {
		t.Fatalf("non-admin /daily on: %v", r)
	}
	admin := groupMsg("g1", "admin", "/harian on 08:00 WIB")
	admin.IsAdmin = true
	if r := send(t, b, admin); r == nil || !strings.Contains(bot.PlainText(r), "Asia/Jakarta") || r.Lang != knowledge.ID {
		t.Fatalf("/harian on: %#v", r)
	}
	muted := groupMsg("g2", "admin", "/daily on 07:00")
	muted.IsAdmin = true
	send(t, b, muted)
	mute := groupMsg("g2", "admin", "/mute")
	mute.IsAdmin = true
	send(t, b, mute)

	snd := &recordingSender{}
	mux := bot.SenderMux{"test": snd}
	if n, err := b.SendDueDaily(ctx, mux); err != nil || n != 0 {
		t.Fatalf("before 08:00: sent %d %v", n, err)
	}
	clock.Advance(30 * time.Minute) // 08:00 WIB
	if n, err := b.SendDueDaily(ctx, mux); err != nil || n != 1 {
		t.Fatalf("at 08:00: sent %d %v", n, err)
	}
	got := snd.sent["test:g1"]
	if len(got) != 1 || got[0].FactID != "gge-2015-report" || !strings.Contains(got[0].Title, "2015") || got[0].Lang != knowledge.ID {
		t.Fatalf("daily reply %#v", got)
	}
	if len(snd.sent["test:g2"]) != 0 {
		t.Fatal("a muted chat got the daily fact")
	}
	// A restart: a new bot over the same store sends nothing more today.
	b2, _ := newStudyBot(t, studyStore)
	b2.clock = clock
	clock.Advance(time.Hour)
	if n, _ := b2.SendDueDaily(ctx, mux); n != 0 {
		t.Fatalf("sent %d more after a restart on the same day", n)
	}
	// The next morning: a fact not sent before.
	clock.Advance(24 * time.Hour)
	if n, _ := b2.SendDueDaily(ctx, mux); n != 1 {
		t.Fatalf("next day: sent %d", n)
	}
	if f := snd.sent["test:g1"][1].FactID; f == "gge-2015-report" {
		t.Fatal("the same fact twice")
	}
	// The daily fact becomes the chat's last answer: /cite and follow-ups use it.
	if c, _ := studyStore.Chat(ctx, "test:g1"); c.Last.FactID != snd.sent["test:g1"][1].FactID {
		t.Fatalf("last answer %q after the daily fact", c.Last.FactID)
	}
	// A platform without a running adapter is skipped, not claimed.
	clock.Advance(24 * time.Hour)
	if n, _ := b2.SendDueDaily(ctx, bot.SenderMux{"telegram": snd}); n != 0 {
		t.Fatal("sent through a sender for another platform")
	}
	if n, _ := b2.SendDueDaily(ctx, mux); n != 1 {
		t.Fatal("the skipped chat lost its fact")
	}
	// A failing send is not retried the same day (no flood), and is not fatal.
	clock.Advance(24 * time.Hour)
	failing := &recordingSender{fail: true}
	if n, err := b2.SendDueDaily(ctx, bot.SenderMux{"test": failing}); n != 0 || err != nil {
		t.Fatalf("failing send: %d %v", n, err)
	}
	b2.SendDueDaily(ctx, bot.SenderMux{"test": failing})
	if failing.calls != 1 {
		t.Fatalf("%d attempts on one day, want 1", failing.calls)
	}
}

func TestRunDailyStops(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- b.RunDaily(ctx, bot.SenderMux{}, time.Millisecond) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("RunDaily: %v", err)
	}
}

func TestDailyCommand(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	admin := func(text string) *bot.Message {
		m := groupMsg("g", "a", text)
		m.IsAdmin = true
		return m
	}
	tests := []struct {
		name     string
		msg      *bot.Message
		kind     bot.ReplyKind
		contains string
	}{
		{"status when off", groupMsg("g", "u", "/daily"), bot.KindInfo, "off"},
		{"non-admin cannot switch on", groupMsg("g", "u", "/daily on"), bot.KindError, "Only chat admins"},
		{"bad time", admin("/daily on 25:99"), bot.KindInfo, "“25:99” is not a time"},
		{"bad zone", admin("/daily on 07:00 Mars/Base"), bot.KindInfo, "“Mars/Base” is not a time zone"},
		{"bad subcommand", admin("/daily maybe"), bot.KindInfo, "/daily on [HH:MM]"},
		{"admin switches on with time and zone", admin("/daily on 06:45 Europe/Berlin"), bot.KindInfo, "06:45 (Europe/Berlin)"},
		{"status when on", groupMsg("g", "u", "/daily"), bot.KindInfo, "on, every day at 06:45 (Europe/Berlin)"},
		{"admin switches off", admin("/daily off"), bot.KindInfo, "Daily fact is off"},
		{"private chat needs no admin", privateMsg("p", "/daily on"), bot.KindInfo, "08:00 (Asia/Jakarta)"},
	}
	for _, tt := range tests {
		r := send(t, b, tt.msg)
		if r == nil || r.Kind != tt.kind || !strings.Contains(bot.PlainText(r), tt.contains) {
			t.Errorf("%s: %#v", tt.name, r)
		}
	}
}

// TestDailySwitchedOnAfterTodaysTime: switching the daily fact on after today's time
// has passed starts it tomorrow, as the confirmation says, not within the minute; and
// switched on before the time, it starts today.
func TestDailySwitchedOnAfterTodaysTime(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		at        time.Time // when /daily on 08:00 is sent (WIB = UTC+7)
		wantNext  string
		firstSend time.Time
	}{
		{name: "at 15:00 WIB: tomorrow", at: time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC),
			wantNext: "2026-11-25 08:00", firstSend: time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)},
		{name: "at 07:00 WIB: today", at: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
			wantNext: "2026-11-24 08:00", firstSend: time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, clock := newStudyBot(t, nil)
			clock.Set(tc.at)
			r := send(t, b, privateMsg("p", "/daily on 08:00 Asia/Jakarta"))
			if got := bot.PlainText(r); !strings.Contains(got, "Next one: "+tc.wantNext) {
				t.Fatalf("confirmation %q, want next %s", got, tc.wantNext)
			}
			snd := &recordingSender{}
			mux := bot.SenderMux{"test": snd}
			// Every minute until just before the promised time: nothing goes out.
			for clock.Now().Before(tc.firstSend) {
				if n, err := b.SendDueDaily(ctx, mux); err != nil || n != 0 {
					t.Fatalf("sent %d (%v) at %v, before the promised %v", n, err, clock.Now(), tc.firstSend)
				}
				clock.Advance(time.Minute)
			}
			if n, err := b.SendDueDaily(ctx, mux); err != nil || n != 1 {
				t.Fatalf("at the promised time: sent %d %v", n, err)
			}
		})
	}
}

// stoppingSender is a replica stopped while sending: its context ends mid-send.
type stoppingSender struct {
	stop  context.CancelFunc
	calls int
}

func (s *stoppingSender) Send(ctx context.Context, _ string, _ *bot.Reply) error {
	s.calls++
	s.stop()
	return ctx.Err()
}

// TestDailyTakenOverAfterLease: two replicas share a store; the one that claims a chat's
// fact dies before sending it (its send fails), so after the lease the other sends it,
// once, and neither sends again that day.
func TestDailyTakenOverAfterLease(t *testing.T) {
	ctx := context.Background()
	store := bot.NewMemoryStore()
	const lease = 20 * time.Millisecond
	a, clock := newStudyBot(t, store)
	a.opts.DailyLease = lease
	b, _ := newStudyBot(t, store)
	b.opts.DailyLease = lease
	b.clock = clock
	clock.Set(time.Date(2026, 7, 22, 0, 30, 0, 0, time.UTC))
	admin := groupMsg("g1", "admin", "/daily on 08:00")
	admin.IsAdmin = true
	send(t, a, admin)
	clock.Advance(30 * time.Minute) // 08:00 WIB

	// Replica a stops in the middle of the send.
	stopping, stop := context.WithCancel(ctx)
	dying := &stoppingSender{stop: stop}
	if n, _ := a.SendDueDaily(stopping, bot.SenderMux{"test": dying}); n != 0 || dying.calls != 1 {
		t.Fatalf("the dying replica sent %d in %d attempts", n, dying.calls)
	}
	snd := &recordingSender{}
	mux := bot.SenderMux{"test": snd}
	if n, _ := b.SendDueDaily(ctx, mux); n != 0 {
		t.Fatal("the other replica sent while the claim's lease was running")
	}
	for {
		n, err := b.SendDueDaily(ctx, mux)
		if err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			break
		}
		time.Sleep(lease / 2)
	}
	time.Sleep(2 * lease)
	if n, _ := a.SendDueDaily(ctx, mux); n != 0 {
		t.Fatal("a confirmed daily fact was sent again")
	}
	if n, _ := b.SendDueDaily(ctx, mux); n != 0 || len(snd.sent["test:g1"]) != 1 {
		t.Fatalf("sent %d times, want once", len(snd.sent["test:g1"]))
	}
}

// lastAtSend is a Sender that reads, at the moment of sending, what the chat's last
// answer is: what a reader who follows the fact up at once (/cite) would find.
type lastAtSend struct {
	store bot.Store
	fail  bool
	last  string
}

func (s *lastAtSend) Send(ctx context.Context, chatKey string, _ *bot.Reply) error {
	c, err := s.store.Chat(ctx, chatKey)
	if err != nil {
		return err
	}
	s.last = c.Last.FactID
	if s.fail {
		return errors.New("platform down")
	}
	return nil
}

// TestDailyFactIsTheLastAnswer: the daily fact is the chat's last answer as soon as it
// shows (a /cite sent at once cites it), and a fact that never reached the chat leaves
// the last answer as it was.
func TestDailyFactIsTheLastAnswer(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		fail     bool
		wantKept bool // the earlier answer is still the last one after the round
	}{
		{"sent", false, false},
		{"refused by the platform", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, clock := newStudyBot(t, nil)
			clock.Set(time.Date(2026, 7, 22, 0, 30, 0, 0, time.UTC))
			m := privateMsg("p1", "/daily on 01:00 UTC")
			if r := send(t, b, m); r == nil || r.Kind == bot.KindError {
				t.Fatalf("/daily on: %v", r)
			}
			earlier := "earlier-answer"
			if err := b.store.UpdateChat(ctx, m.ChatKey(), func(c *bot.Chat) { c.Last = bot.LastAnswer{FactID: earlier, At: clock.Now()} }); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Hour)
			snd := &lastAtSend{store: b.store, fail: tc.fail}
			b.SendDueDaily(ctx, bot.SenderMux{"test": snd})
			if snd.last == "" || snd.last == earlier {
				t.Fatalf("while the daily fact was being sent the last answer was %q, want the daily fact", snd.last)
			}
			c, err := b.store.Chat(ctx, m.ChatKey())
			if err != nil {
				t.Fatal(err)
			}
			if kept := c.Last.FactID == earlier; kept != tc.wantKept {
				t.Fatalf("last answer after the round: %q (daily fact %q)", c.Last.FactID, snd.last)
			}
		})
	}
}
