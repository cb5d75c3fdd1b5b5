// Package limit is cyberdiplo's inbound flood control: a token bucket per user and per
// chat in front of the bot. A message beyond the limit gets one short bilingual notice;
// later ones get silence until the bucket has refilled, so a flooder costs one reply,
// not one per message. Memory is bounded: idle buckets are forgotten and the number of
// tracked keys is capped.
package limit

import (
	"cmp"
	"container/list"
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Config is the [limit] section of the configuration: how many messages a user and a
// chat may send. A rate is a sustained number of messages per minute; a burst is how
// many may come back to back before the rate applies. Zero values take the defaults;
// a negative rate switches that limit off.
type Config struct {
	// UserPerMinute is the sustained rate for one user (all chats together on a platform).
	UserPerMinute float64 `toml:"user_per_minute"`
	// UserBurst is how many messages a user may send at once.
	UserBurst int `toml:"user_burst"`
	// ChatPerMinute is the sustained rate for one chat (all its members together).
	ChatPerMinute float64 `toml:"chat_per_minute"`
	// ChatBurst is how many messages a chat may send at once.
	ChatBurst int `toml:"chat_burst"`
	// MaxKeys caps the users and the chats tracked (each); beyond it the least recently
	// seen is forgotten.
	MaxKeys int `toml:"max_keys"`
}

// Defaults. A student asks a question every few seconds at most; paging a timeline or
// answering a quiz goes faster, hence the bursts. A busy study group (300 members)
// gets 30 replies a minute: more than Telegram delivers to one group (20 a minute).
const (
	DefaultUserPerMinute = 20
	DefaultUserBurst     = 6
	DefaultChatPerMinute = 30
	DefaultChatBurst     = 12
	DefaultMaxKeys       = 10000
)

// withDefaults fills zero fields and rejects values that cannot work.
func (c Config) withDefaults() (Config, error) {
	c.UserPerMinute = cmp.Or(c.UserPerMinute, DefaultUserPerMinute)
	c.ChatPerMinute = cmp.Or(c.ChatPerMinute, DefaultChatPerMinute)
	c.UserBurst = cmp.Or(c.UserBurst, DefaultUserBurst)
	c.ChatBurst = cmp.Or(c.ChatBurst, DefaultChatBurst)
	c.MaxKeys = cmp.Or(c.MaxKeys, DefaultMaxKeys)
	switch {
	case math.IsNaN(c.UserPerMinute) || math.IsInf(c.UserPerMinute, 0):
		return c, fmt.Errorf("limit.user_per_minute %v: want a number", c.UserPerMinute)
	case math.IsNaN(c.ChatPerMinute) || math.IsInf(c.ChatPerMinute, 0):
		return c, fmt.Errorf("limit.chat_per_minute %v: want a number", c.ChatPerMinute)
	case c.UserBurst < 0 || c.UserBurst > 1000:
		return c, fmt.Errorf("limit.user_burst %d: want 1 to 1000", c.UserBurst)
	case c.ChatBurst < 0 || c.ChatBurst > 1000:
		return c, fmt.Errorf("limit.chat_burst %d: want 1 to 1000", c.ChatBurst)
	case c.MaxKeys < 0:
		return c, fmt.Errorf("limit.max_keys %d: want 1 or more", c.MaxKeys)
	}
	return c, nil
}

// DropCounter is told about every message the limiter refuses; *metrics.Metrics is one.
// scope is "user" or "chat".
type DropCounter interface {
	RateLimited(platform, scope string)
}

// Scopes of a refusal.
const (
	ScopeUser = "user"
	ScopeChat = "chat"
)

// Options tune New.
type Options struct {
	// Now is the clock; nil means time.Now. Tests pass a fake one.
	Now func() time.Time
	// Counter is told about refused messages; nil counts nothing.
	Counter DropCounter
	// ExemptPlatforms are never limited: "console", whose one local user may pipe a
	// whole file of questions in.
	ExemptPlatforms []string
}

// Limiter holds the buckets. It is safe for concurrent use.
type Limiter struct {
	now      func() time.Time
	counter  DropCounter
	chatLang func(context.Context, *bot.Message) knowledge.Lang
	exempt   map[string]bool

	mu    sync.Mutex // guards users and chats: one decision reads both buckets
	users *buckets   // nil when the per-user limit is off
	chats *buckets   // nil when the per-chat limit is off
}

// New builds a limiter.
func New(cfg Config, opts Options) (*Limiter, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	l := &Limiter{now: opts.Now, counter: opts.Counter, exempt: map[string]bool{}}
	for _, p := range opts.ExemptPlatforms {
		l.exempt[p] = true
	}
	if cfg.UserPerMinute > 0 {
		l.users = newBuckets(cfg.UserPerMinute/60, cfg.UserBurst, cfg.MaxKeys)
	}
	if cfg.ChatPerMinute > 0 {
		l.chats = newBuckets(cfg.ChatPerMinute/60, cfg.ChatBurst, cfg.MaxKeys)
	}
	return l, nil
}

// Verdict is the limiter's decision on one message.
type Verdict int

// Verdicts.
const (
	Allow  Verdict = iota // within the limits: handle it
	Notice                // first message over a limit: send the notice
	Drop                  // over a limit and already told: stay silent
)

// Decision is a Verdict with what it concerns.
type Decision struct {
	Verdict Verdict
	// Scope is the bucket that ran out (ScopeUser or ScopeChat) when not allowed.
	Scope string
	// Wait is how long until the next message would be allowed.
	Wait time.Duration
}

// Check decides on one message and takes a token from its buckets when it is allowed.
// Messages the bot would not answer anyway (group chatter not addressed to it, channel
// posts) are allowed without touching a bucket: only the bot's work is limited.
// A button press counts against its user only, not its chat: in a group quiz everyone
// answers at once, and each answer must be acknowledged.
func (l *Limiter) Check(m *bot.Message) Decision {
	if m == nil || m.ChatKind == bot.Channel || m.ChatKind != bot.Private && !m.Addressed || l.exempt[m.Platform] {
		return Decision{Verdict: Allow}
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	var user, chat *bucket
	if l.users != nil && m.UserID != "" {
		user = l.users.get(m.Platform+":"+m.UserID, now)
	}
	if l.chats != nil && !m.Action {
		chat = l.chats.get(m.ChatKey(), now)
	}
	// Both buckets are checked before either is spent, so a refusal by one does not
	// cost a token of the other.
	if d, refused := refusal(user, l.users, ScopeUser); refused {
		return d
	}
	if d, refused := refusal(chat, l.chats, ScopeChat); refused {
		return d
	}
	if user != nil {
		user.tokens--
	}
	if chat != nil {
		chat.tokens--
	}
	return Decision{Verdict: Allow}
}

// refusal reports whether b is out of tokens, and then whether its owner is to be told.
func refusal(b *bucket, set *buckets, scope string) (Decision, bool) {
	if b == nil || b.tokens >= 1 {
		return Decision{}, false
	}
	d := Decision{Verdict: Drop, Scope: scope, Wait: set.wait(b)}
	if !b.notified {
		b.notified = true
		d.Verdict = Notice
	}
	return d, true
}

// Tracked returns how many users and chats have a bucket now.
func (l *Limiter) Tracked() (users, chats int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.users != nil {
		users = l.users.len()
	}
	if l.chats != nil {
		chats = l.chats.len()
	}
	return users, chats
}

// Middleware refuses messages beyond the limits: the first gets NoticeReply, the rest
// silence. Its method value is a bot.Middleware.
func (l *Limiter) Middleware(next bot.Handler) bot.Handler {
	if l == nil {
		return next
	}
	return bot.HandlerFunc(func(ctx context.Context, m *bot.Message) *bot.Reply {
		d := l.Check(m)
		if d.Verdict == Allow {
			return next.Handle(ctx, m)
		}
		if l.counter != nil {
			l.counter.RateLimited(m.Platform, d.Scope)
		}
		if d.Verdict == Drop {
			return nil
		}
		return NoticeReply(l.noticeLang(ctx, m), d.Wait)
	})
}

// UseChatLang makes the notice speak the language a reply to the message would open in
// (bot.Bot.ChatLang: the chat's /lang choice first). It is asked only for the one notice
// of a flood, so a dropped message costs no store read. Call it before the limiter
// serves: the bot it asks is built after the limiter, which is one of its middlewares.
func (l *Limiter) UseChatLang(f func(ctx context.Context, m *bot.Message) knowledge.Lang) {
	l.chatLang = f
}

// noticeLang is the language a notice to m opens in: the chat's choice when the limiter
// can ask for it, else the client's locale, else English.
func (l *Limiter) noticeLang(ctx context.Context, m *bot.Message) knowledge.Lang {
	if l.chatLang != nil {
		return l.chatLang(ctx, m)
	}
	if lang, ok := bot.LocaleLang(m.LocaleHint); ok {
		return lang
	}
	return knowledge.EN
}

// NoticeReply is the one message a flooder gets: both languages, lang's first.
func NoticeReply(lang knowledge.Lang, wait time.Duration) *bot.Reply {
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	// The words are the bot's catalogue's (bot/limit sits above bot, so it reads them
	// directly): both languages, because the limiter refuses before it knows for sure
	// which one the flooder reads.
	en := bot.Text(knowledge.EN, bot.TextFloodNotice, secs)
	id := bot.Text(knowledge.ID, bot.TextFloodNotice, secs)
	first, second := en, id
	if lang == knowledge.ID {
		first, second = id, en
	} else {
		lang = knowledge.EN
	}
	return &bot.Reply{Kind: bot.KindInfo, Lang: lang, Blocks: []bot.Block{
		{Spans: []bot.Span{{Text: first}}},
		{Spans: []bot.Span{{Text: second, Style: bot.Italic}}},
	}}
}

// bucket is one key's tokens as of last.
type bucket struct {
	key      string
	tokens   float64
	last     time.Time
	notified bool // the notice went out since the bucket was last full
	elem     *list.Element
}

// buckets is a set of token buckets with one rate, most recently used first. A bucket
// idle long enough to be full again is the same as a new one, so it is forgotten; when
// the cap is reached the least recently used one goes too.
type buckets struct {
	perSec  float64
	burst   float64
	refill  time.Duration // time to fill an empty bucket: idler buckets are full
	maxKeys int
	byKey   map[string]*bucket
	lru     *list.List // of *bucket, front = most recent
}

func newBuckets(perSec float64, burst, maxKeys int) *buckets {
	return &buckets{
		perSec:  perSec,
		burst:   float64(burst),
		refill:  seconds(float64(burst) / perSec),
		maxKeys: maxKeys,
		byKey:   map[string]*bucket{},
		lru:     list.New(),
	}
}

func (s *buckets) len() int { return len(s.byKey) }

// get returns key's bucket refilled to now, creating it (full) when missing.
func (s *buckets) get(key string, now time.Time) *bucket {
	s.forgetIdle(now)
	if b, ok := s.byKey[key]; ok {
		if elapsed := now.Sub(b.last); elapsed > 0 {
			b.tokens = math.Min(s.burst, b.tokens+elapsed.Seconds()*s.perSec)
			b.last = now
		}
		if b.tokens >= s.burst {
			b.notified = false // refilled: a new flood gets a new notice
		}
		s.lru.MoveToFront(b.elem)
		return b
	}
	for len(s.byKey) >= s.maxKeys {
		s.remove(s.lru.Back().Value.(*bucket))
	}
	b := &bucket{key: key, tokens: s.burst, last: now}
	b.elem = s.lru.PushFront(b)
	s.byKey[key] = b
	return b
}

// forgetIdle drops buckets unused for a full refill period, oldest first; they would
// be full, exactly like a new bucket.
func (s *buckets) forgetIdle(now time.Time) {
	for e := s.lru.Back(); e != nil; e = s.lru.Back() {
		b := e.Value.(*bucket)
		if now.Sub(b.last) < s.refill {
			return
		}
		s.remove(b)
	}
}

func (s *buckets) remove(b *bucket) {
	s.lru.Remove(b.elem)
	delete(s.byKey, b.key)
}

// wait is how long until b holds a whole token.
func (s *buckets) wait(b *bucket) time.Duration {
	missing := 1 - b.tokens
	if missing <= 0 {
		return 0
	}
	return seconds(missing / s.perSec)
}

// seconds converts to a Duration, saturating instead of overflowing for tiny rates.
func seconds(s float64) time.Duration {
	if d := s * float64(time.Second); d < float64(math.MaxInt64) {
		return time.Duration(d)
	}
	return math.MaxInt64
}
