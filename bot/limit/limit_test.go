package limit

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// clock is a fake clock moved by the test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newClock() *clock { return &clock{t: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)} }

// drops counts RateLimited calls like the metrics do.
type drops struct {
	mu sync.Mutex
	n  map[string]int
}

func (d *drops) RateLimited(platform, scope string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.n == nil {
		d.n = map[string]int{}
	}
	d.n[platform+"/"+scope]++
}

// tally sends messages through the middleware and counts what came back.
type tally struct{ answered, notices, silent int }

func run(t *testing.T, h bot.Handler, msgs ...*bot.Message) tally {
	t.Helper()
	var got tally
	for _, m := range msgs {
		r := h.Handle(context.Background(), m)
		switch {
		case r == nil:
			got.silent++
		case r.Kind == bot.KindAnswer:
			got.answered++
		case isNotice(r):
			got.notices++
		default:
			t.Fatalf("unexpected reply %+v", r)
		}
	}
	return got
}

func isNotice(r *bot.Reply) bool {
	return r.Kind == bot.KindInfo && len(r.Blocks) == 2 && strings.Contains(plain(r), "Slow down") && strings.Contains(plain(r), "Pelan-pelan")
}

func plain(r *bot.Reply) string {
	var b strings.Builder
	for _, bl := range r.Blocks {
		for _, s := range bl.Spans {
			b.WriteString(s.Text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var answer = bot.HandlerFunc(func(_ context.Context, m *bot.Message) *bot.Reply {
	if m.ChatKind != bot.Private && !m.Addressed {
		return nil
	}
	return &bot.Reply{Kind: bot.KindAnswer}
})

func private(user string) *bot.Message {
	return &bot.Message{Platform: "telegram", ChatID: user, ChatKind: bot.Private, UserID: user, Addressed: true, Text: "what is the oewg"}
}

func group(chat, user string, addressed bool) *bot.Message {
	return &bot.Message{Platform: "telegram", ChatID: chat, ChatKind: bot.Group, UserID: user, Addressed: addressed, Text: "@bot what is the oewg"}
}

func repeat(m *bot.Message, n int) []*bot.Message {
	out := make([]*bot.Message, n)
	for i := range out {
		out[i] = m
	}
	return out
}

func newLimiter(t *testing.T, cfg Config, c *clock, d *drops) *Limiter {
	t.Helper()
	opts := Options{Now: c.now}
	if d != nil {
		opts.Counter = d
	}
	l, err := New(cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// A user flooding a private chat gets the burst answered, one notice, then silence;
// after the bucket refills they are answered again and a new flood gets a new notice.
func TestFloodOneNoticeThenSilence(t *testing.T) {
	c := newClock()
	d := &drops{}
	l := newLimiter(t, Config{UserPerMinute: 12, UserBurst: 5, ChatPerMinute: -1}, c, d)
	h := l.Middleware(answer)

	got := run(t, h, repeat(private("u1"), 100)...)
	if want := (tally{answered: 5, notices: 1, silent: 94}); got != want {
		t.Fatalf("flood of 100: %+v, want %+v", got, want)
	}
	if d.n["telegram/user"] != 95 {
		t.Errorf("drops counted: %v, want 95 user drops", d.n)
	}
	// 12 a minute is one token per 5 s: after 4.9 s still silence, after 5 s one answer.
	c.advance(4900 * time.Millisecond)
	if got := run(t, h, private("u1")); got.silent != 1 {
		t.Fatalf("before a token is back: %+v", got)
	}
	c.advance(100 * time.Millisecond)
	if got := run(t, h, private("u1"), private("u1")); got != (tally{answered: 1, silent: 1}) {
		t.Fatalf("one token back: %+v, want one answer and silence (no second notice)", got)
	}
	// A full refill (5 tokens at 5 s each) ends the episode: the next flood is told again.
	c.advance(25 * time.Second)
	if got := run(t, h, repeat(private("u1"), 10)...); got != (tally{answered: 5, notices: 1, silent: 4}) {
		t.Fatalf("second flood after refill: %+v", got)
	}
	// Others are not affected by u1's flood.
	if got := run(t, h, private("u2")); got.answered != 1 {
		t.Fatalf("another user: %+v", got)
	}
}

// The notice says when to come back, in both languages, the client's language first.
func TestNoticeText(t *testing.T) {
	c := newClock()
	l := newLimiter(t, Config{UserPerMinute: 6, UserBurst: 1, ChatPerMinute: -1}, c, nil)
	h := l.Middleware(answer)
	m := private("u1")
	m.LocaleHint = "id-ID"
	h.Handle(context.Background(), m)
	r := h.Handle(context.Background(), m)
	if r == nil || !isNotice(r) {
		t.Fatalf("no notice: %+v", r)
	}
	if txt := plain(r); !strings.HasPrefix(txt, "Pelan-pelan") || !strings.Contains(txt, "10 detik") || !strings.Contains(txt, "10 s") {
		t.Fatalf("notice for an Indonesian client: %q", txt)
	}
	if txt := plain(NoticeReply(knowledge.EN, 1500*time.Millisecond)); !strings.HasPrefix(txt, "Slow down") || !strings.Contains(txt, "about 2 s") {
		t.Fatalf("English notice: %q", txt)
	}
}

// A chat's bucket is shared by its members; group chatter not addressed to the bot
// costs nothing, and button presses count against their user only.
func TestChatLimit(t *testing.T) {
	c := newClock()
	d := &drops{}
	l := newLimiter(t, Config{UserPerMinute: 60, UserBurst: 3, ChatPerMinute: 30, ChatBurst: 10}, c, d)
	h := l.Middleware(answer)

	// 300 lines of chatter, none for the bot: all silent by the handler, no bucket spent.
	var chatter []*bot.Message
	for i := range 300 {
		chatter = append(chatter, group("g1", fmt.Sprint("u", i), false))
	}
	if got := run(t, h, chatter...); got.silent != 300 {
		t.Fatalf("chatter: %+v", got)
	}
	if users, chats := l.Tracked(); users != 0 || chats != 0 {
		t.Fatalf("chatter created buckets: %d users, %d chats", users, chats)
	}
	// 20 members ask at once: the chat's 10 are answered, one notice, then silence.
	var asks []*bot.Message
	for i := range 20 {
		asks = append(asks, group("g1", fmt.Sprint("u", i), true))
	}
	if got := run(t, h, asks...); got != (tally{answered: 10, notices: 1, silent: 9}) {
		t.Fatalf("20 askers in one group: %+v", got)
	}
	if d.n["telegram/chat"] != 10 || d.n["telegram/user"] != 0 {
		t.Errorf("drops: %v", d.n)
	}
	// A quiz answer (button press) from a member is still handled: it is not the chat's.
	press := group("g1", "u15", true)
	press.Action = true
	if got := run(t, h, press); got.answered != 1 {
		t.Fatalf("button press in a limited chat: %+v", got)
	}
	// Another group is not affected.
	if got := run(t, h, group("g2", "u1", true)); got.answered != 1 {
		t.Fatalf("another group: %+v", got)
	}
	// Channel posts are never limited (the bot ignores them anyway).
	if d := l.Check(&bot.Message{Platform: "telegram", ChatID: "c", ChatKind: bot.Channel}); d.Verdict != Allow {
		t.Fatalf("channel post: %+v", d)
	}
}

// A user refused by their own bucket does not spend the chat's tokens.
func TestUserRefusalKeepsChatTokens(t *testing.T) {
	c := newClock()
	l := newLimiter(t, Config{UserPerMinute: 1, UserBurst: 2, ChatPerMinute: 1, ChatBurst: 5}, c, nil)
	h := l.Middleware(answer)
	if got := run(t, h, repeat(group("g", "spammer", true), 50)...); got != (tally{answered: 2, notices: 1, silent: 47}) {
		t.Fatalf("spammer: %+v", got)
	}
	// The chat spent only the spammer's 2 of its 5.
	var others []*bot.Message
	for i := range 3 {
		others = append(others, group("g", fmt.Sprint("member", i), true))
	}
	if got := run(t, h, others...); got.answered != 3 {
		t.Fatalf("members after a spammer: %+v", got)
	}
}

// Memory stays bounded: idle buckets are forgotten, and the cap holds under a flood of
// distinct users.
func TestMemoryBounded(t *testing.T) {
	c := newClock()
	l := newLimiter(t, Config{UserPerMinute: 60, UserBurst: 5, ChatPerMinute: 60, ChatBurst: 5, MaxKeys: 100}, c, nil)
	h := l.Middleware(answer)
	for i := range 10000 {
		h.Handle(context.Background(), private(fmt.Sprint("user", i)))
		if users, chats := l.Tracked(); users > 100 || chats > 100 {
			t.Fatalf("after %d users: tracking %d users, %d chats", i+1, users, chats)
		}
	}
	if users, chats := l.Tracked(); users != 100 || chats != 100 {
		t.Fatalf("at the cap: %d users, %d chats", users, chats)
	}
	// Five seconds refill a 5-token bucket at 1/s: all are idle and forgotten on the next check.
	c.advance(5 * time.Second)
	h.Handle(context.Background(), private("late"))
	if users, chats := l.Tracked(); users != 1 || chats != 1 {
		t.Fatalf("after the idle period: %d users, %d chats, want 1 each", users, chats)
	}
}

// The cap evicts the least recently seen key, so an active flooder stays limited while
// a crowd of one-off users passes by.
func TestEvictionKeepsActiveFlooder(t *testing.T) {
	c := newClock()
	l := newLimiter(t, Config{UserPerMinute: 1, UserBurst: 2, ChatPerMinute: -1, MaxKeys: 10}, c, nil)
	h := l.Middleware(answer)
	run(t, h, repeat(private("flooder"), 3)...) // 2 answered + notice
	for i := range 50 {
		run(t, h, private(fmt.Sprint("passer", i)))
		if got := run(t, h, private("flooder")); got.silent != 1 {
			t.Fatalf("flooder answered again after %d passers: %+v", i+1, got)
		}
	}
}

func TestConfig(t *testing.T) {
	for _, tt := range []struct {
		cfg Config
		ok  bool
	}{
		{Config{}, true},
		{Config{UserPerMinute: -1, ChatPerMinute: -1}, true},
		{Config{UserBurst: -1}, false},
		{Config{ChatBurst: 5000}, false},
		{Config{MaxKeys: -3}, false},
	} {
		l, err := New(tt.cfg, Options{})
		if (err == nil) != tt.ok {
			t.Errorf("%+v: err %v", tt.cfg, err)
		}
		if err == nil && l == nil {
			t.Errorf("%+v: nil limiter", tt.cfg)
		}
	}
	// Both limits off: nothing is ever refused.
	c := newClock()
	l := newLimiter(t, Config{UserPerMinute: -1, ChatPerMinute: -1}, c, nil)
	if got := run(t, l.Middleware(answer), repeat(private("u"), 1000)...); got.answered != 1000 {
		t.Fatalf("limits off: %+v", got)
	}
	// A tiny rate does not overflow the refill period into a negative one.
	c2 := newClock()
	l2 := newLimiter(t, Config{UserPerMinute: 1e-12, UserBurst: 1000, ChatPerMinute: -1}, c2, nil)
	if got := run(t, l2.Middleware(answer), repeat(private("u"), 1001)...); got != (tally{answered: 1000, notices: 1}) {
		t.Fatalf("tiny rate: %+v", got)
	}
	// An exempt platform (the console) is never limited.
	l3, err := New(Config{UserPerMinute: 1, UserBurst: 1, ChatPerMinute: 1, ChatBurst: 1}, Options{Now: newClock().now, ExemptPlatforms: []string{"console"}})
	if err != nil {
		t.Fatal(err)
	}
	piped := private("local")
	piped.Platform = "console"
	if got := run(t, l3.Middleware(answer), repeat(piped, 200)...); got.answered != 200 {
		t.Fatalf("console: %+v", got)
	}
	if got := run(t, l3.Middleware(answer), repeat(private("local"), 3)...); got != (tally{answered: 1, notices: 1, silent: 1}) {
		t.Fatalf("telegram next to an exempt console: %+v", got)
	}
	// A nil limiter passes everything through.
	var none *Limiter
	if got := run(t, none.Middleware(answer), private("u")); got.answered != 1 {
		t.Fatalf("nil limiter: %+v", got)
	}
}

// Concurrent floods from many goroutines keep the totals exact (run with -race).
func TestConcurrentFlood(t *testing.T) {
	c := newClock() // never advanced, so no goroutine races on it
	l := newLimiter(t, Config{UserPerMinute: 60, UserBurst: 4, ChatPerMinute: -1}, c, nil)
	h := l.Middleware(answer)
	var mu sync.Mutex
	var total tally
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := run(t, h, repeat(private("u1"), 50)...)
			mu.Lock()
			total.answered += got.answered
			total.notices += got.notices
			total.silent += got.silent
			mu.Unlock()
		}()
	}
	wg.Wait()
	if want := (tally{answered: 4, notices: 1, silent: 395}); total != want {
		t.Fatalf("8×50 concurrent: %+v, want %+v", total, want)
	}
}

func BenchmarkCheck(b *testing.B) {
	l, _ := New(Config{}, Options{})
	msgs := make([]*bot.Message, 1024)
	for i := range msgs {
		msgs[i] = &bot.Message{Platform: "telegram", ChatID: fmt.Sprint("g", i%32), ChatKind: bot.Group, UserID: fmt.Sprint(i), Addressed: true}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		l.Check(msgs[i%len(msgs)])
		i++
	}
}

// BenchmarkTrackedKeyMemory reports the heap held per tracked user and chat.
func BenchmarkTrackedKeyMemory(b *testing.B) {
	const keys = 10000
	msgs := make([]*bot.Message, keys)
	for i := range msgs {
		msgs[i] = &bot.Message{Platform: "telegram", ChatID: fmt.Sprint(1_000_000_000 + i), ChatKind: bot.Private, UserID: fmt.Sprint(1_000_000_000 + i), Addressed: true}
	}
	var perKey float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		l, _ := New(Config{MaxKeys: keys}, Options{})
		for _, m := range msgs {
			l.Check(m)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perKey = float64(after.HeapAlloc-before.HeapAlloc) / (2 * keys) // a user and a chat bucket per message
		runtime.KeepAlive(l)
	}
	b.ReportMetric(perKey, "B/key")
}
