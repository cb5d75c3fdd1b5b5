// Package metrics counts what cyberdiplo does, for Prometheus: messages in and out per
// platform, answered vs refused vs off-topic, match and reply latency, send errors by
// kind, rate-limited drops and quiz rounds.
//
// Everything lives on a registry made by New; nothing is registered globally, so tests
// and several bots in one process never share counters. Every method is safe on a nil
// *Metrics, so a code path without metrics configured needs no checks.
package metrics

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Namespace prefixes every metric name.
const Namespace = "cyberdiplo"

// Platforms whose series exist from the start (at zero), so rates and alerts work
// before the first message. Other platform names are counted as they come.
var knownPlatforms = []string{"telegram", "discord", "console"}

// Reply outcomes, the "outcome" label of cyberdiplo_replies_total.
const (
	OutcomeAnswered = "answered" // an answer from the fact base (bot.KindAnswer)
	OutcomeRefused  = "refused"  // an honest "not sure" or off-topic note (bot.KindNotSure)
	OutcomeInfo     = "info"     // help, settings, quiz, rate-limit notice (bot.KindInfo)
	OutcomeTimeline = "timeline" // a timeline page (bot.KindTimeline)
	OutcomeError    = "error"    // a polite error: bad input, unknown command, internal (bot.KindError)
	OutcomeSilent   = "silent"   // no reply: group chatter, a muted chat, a rate-limited message
)

// Match verdicts, the "verdict" label of cyberdiplo_matches_total.
const (
	VerdictAnswered = "answered"
	VerdictRefused  = "refused"  // related to the base but not confident: suggestions offered
	VerdictOffTopic = "offtopic" // nothing in the question relates to the base
)

// Send error kinds, the "kind" label of cyberdiplo_send_errors_total. Adapters pick one
// (KindForStatus and KindForError help); anything else is counted as KindOther so that
// the label's values stay few.
const (
	SendRateLimited = "rate_limited" // HTTP 429 / a platform's flood control
	SendServer      = "server"       // HTTP 5xx
	SendRejected    = "rejected"     // HTTP 4xx other than 429: bad request, forbidden, not found
	SendTimeout     = "timeout"      // the request or its context timed out
	SendNetwork     = "network"      // connection refused or reset, DNS, TLS
	SendDropped     = "dropped"      // given up: retries exhausted, reply too old, queue full
	SendOther       = "other"
)

var sendKinds = []string{SendRateLimited, SendServer, SendRejected, SendTimeout, SendNetwork, SendDropped, SendOther}

// Rate-limit scopes, the "scope" label of cyberdiplo_rate_limited_total.
const (
	ScopeUser = "user"
	ScopeChat = "chat"
)

// counter names one of the labelled counters; Metrics keeps them in an array so that
// every counting method shares one nil-safe increment (Metrics.count) instead of a copy each.
type counter int

const (
	messagesIn counter = iota
	messagesOut
	replies
	sendErrors
	deferred
	rateLimited
	quizRounds
	readyFailures
	matches
	nCounters
)

// counters describes each counter: its name (after the namespace), help and labels.
var counters = [nCounters]struct {
	name, help string
	labels     []string
}{
	messagesIn:  {"messages_in_total", "Messages and button presses received from a platform.", []string{"platform"}},
	messagesOut: {"messages_out_total", "Messages sent or edited on a platform.", []string{"platform"}},
	replies: {"replies_total", "Messages handled by the bot, by outcome (answered, refused, info, timeline, error, silent).",
		[]string{"platform", "outcome"}},
	sendErrors: {"send_errors_total", "Failed sends to a platform, by kind (rate_limited, server, rejected, timeout, network, dropped, other).",
		[]string{"platform", "kind"}},
	deferred: {"updates_deferred_total", "Incoming updates refused while busy and left for the platform to deliver again (nothing lost).",
		[]string{"platform"}},
	rateLimited: {"rate_limited_total", "Incoming messages refused by the flood limit, by the bucket that ran out (user, chat).",
		[]string{"platform", "scope"}},
	quizRounds:    {"quiz_rounds_total", "Quiz questions started.", []string{"platform"}},
	readyFailures: {"readiness_failures_total", "Readiness checks that failed when /readyz was asked, by check.", []string{"check"}},
	matches: {"matches_total", "Questions matched against the fact base, by verdict (answered, refused, offtopic).",
		[]string{"verdict"}},
}

// Metrics holds cyberdiplo's collectors and the registry they are registered on.
type Metrics struct {
	reg *prometheus.Registry
	now func() time.Time

	counters     [nCounters]*prometheus.CounterVec
	replySeconds *prometheus.HistogramVec
	matchSeconds prometheus.Histogram

	// The database metrics (db.go), registered on first use.
	dbOnce sync.Once
	dbMu   sync.Mutex
	db     *dbMetrics
}

// Options tune New.
type Options struct {
	// Now is the clock used to time replies; nil means time.Now (tests pass a fake).
	Now func() time.Time
	// NoRuntime leaves out the Go runtime and process collectors (goroutines, memory,
	// open files), which are otherwise registered to watch for growth under a flood.
	NoRuntime bool
}

// New creates the metrics on a fresh registry.
func New(opts Options) *Metrics {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		now: opts.Now,
		replySeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Name: "reply_duration_seconds",
			Help: "Time the bot took to compose a reply (silence not included).",
			// 100µs to ~1.6s: answers take well under a millisecond on the embedded base;
			// the upper buckets show a slow database.
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 15),
		}, []string{"platform"}),
		matchSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: Namespace, Name: "match_duration_seconds",
			Help:    "Time the matcher took for one question.",
			Buckets: prometheus.ExponentialBuckets(0.00001, 2, 15), // 10µs to ~160ms
		}),
	}
	for c, spec := range counters {
		m.counters[c] = prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: spec.name, Help: spec.help,
		}, spec.labels)
		m.reg.MustRegister(m.counters[c])
	}
	m.reg.MustRegister(m.replySeconds, m.matchSeconds)
	if !opts.NoRuntime {
		m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	// Series that exist from the start read 0 instead of "no data".
	for _, p := range knownPlatforms {
		for _, c := range []counter{messagesIn, messagesOut, quizRounds, deferred} {
			m.counters[c].WithLabelValues(p)
		}
		for _, o := range []string{OutcomeAnswered, OutcomeRefused, OutcomeInfo, OutcomeTimeline, OutcomeError, OutcomeSilent} {
			m.counters[replies].WithLabelValues(p, o)
		}
		for _, k := range sendKinds {
			m.counters[sendErrors].WithLabelValues(p, k)
		}
		m.counters[rateLimited].WithLabelValues(p, ScopeUser)
		m.counters[rateLimited].WithLabelValues(p, ScopeChat)
	}
	for _, v := range []string{VerdictAnswered, VerdictRefused, VerdictOffTopic} {
		m.counters[matches].WithLabelValues(v)
	}
	return m
}

// Registry is the registry the metrics are on; nil for a nil *Metrics. Register other
// collectors on it to expose them at the same /metrics.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// Gatherer is the registry as a prometheus.Gatherer (for promhttp); nil for a nil *Metrics.
func (m *Metrics) Gatherer() prometheus.Gatherer {
	if m == nil {
		return nil
	}
	return m.reg
}

// count adds one to counter c under labels. Every counting method goes through it, so a
// nil *Metrics (metrics not configured) counts nothing without a check at each call.
func (m *Metrics) count(c counter, labels ...string) {
	if m == nil {
		return
	}
	m.counters[c].WithLabelValues(labels...).Inc()
}

// MessageIn counts one message, command or button press received from platform.
// Adapters call it for every update they accept, before the bot sees it.
func (m *Metrics) MessageIn(platform string) { m.count(messagesIn, platformLabel(platform)) }

// MessageOut counts one message sent (or edited in place) on platform.
func (m *Metrics) MessageOut(platform string) { m.count(messagesOut, platformLabel(platform)) }

// SendError counts a failed send on platform; kind is one of the Send* constants.
func (m *Metrics) SendError(platform, kind string) {
	m.count(sendErrors, platformLabel(platform), sendKindLabel(kind))
}

// UpdateDeferred counts an incoming update refused while busy, which the platform delivers
// again later (a webhook's 503): a delay, not a dropped reply.
func (m *Metrics) UpdateDeferred(platform string) { m.count(deferred, platformLabel(platform)) }

// RateLimited counts a message refused by the flood limit; scope is ScopeUser or
// ScopeChat. The limiter (bot/limit) calls it.
func (m *Metrics) RateLimited(platform, scope string) {
	if scope != ScopeUser && scope != ScopeChat {
		scope = ScopeChat
	}
	m.count(rateLimited, platformLabel(platform), scope)
}

// QuizRound counts one quiz question started on platform. The Middleware counts the
// rounds /quiz starts; call it only for rounds started elsewhere.
func (m *Metrics) QuizRound(platform string) { m.count(quizRounds, platformLabel(platform)) }

// ReadinessFailed counts a failed readiness check (bot/ops calls it).
func (m *Metrics) ReadinessFailed(check string) { m.count(readyFailures, boundedLabel(check)) }

// ObserveMatch records one matcher verdict and how long the matcher took. The bot calls
// it around knowledge.Matcher.Match; it splits the bot's refusals into "refused" (with
// suggestions) and "offtopic".
func (m *Metrics) ObserveMatch(res knowledge.Result, took time.Duration) {
	if m == nil {
		return
	}
	m.count(matches, verdict(res))
	m.matchSeconds.Observe(took.Seconds())
}

func verdict(res knowledge.Result) string {
	switch {
	case res.Answered && res.Best.Fact != nil:
		return VerdictAnswered
	case res.OffTopic:
		return VerdictOffTopic
	}
	return VerdictRefused
}

// Middleware counts every message the wrapped handler sees by the outcome of its reply,
// times the replies, and counts the quiz rounds /quiz starts. Its method value is a
// bot.Middleware: bot.Chain(h, m.Middleware). On a nil *Metrics it returns next as is.
func (m *Metrics) Middleware(next bot.Handler) bot.Handler {
	if m == nil {
		return next
	}
	return bot.HandlerFunc(func(ctx context.Context, msg *bot.Message) *bot.Reply {
		if msg == nil {
			return next.Handle(ctx, msg)
		}
		start := m.now()
		reply := next.Handle(ctx, msg)
		platform := platformLabel(msg.Platform)
		o := Outcome(reply)
		m.count(replies, platform, o)
		if o != OutcomeSilent {
			m.replySeconds.WithLabelValues(platform).Observe(m.now().Sub(start).Seconds())
		}
		if startsQuizRound(reply) {
			m.count(quizRounds, platform)
		}
		return reply
	})
}

// Outcome is the "outcome" label for a reply.
func Outcome(r *bot.Reply) string {
	if r == nil {
		return OutcomeSilent
	}
	switch r.Kind {
	case bot.KindAnswer:
		return OutcomeAnswered
	case bot.KindNotSure:
		return OutcomeRefused
	case bot.KindTimeline:
		return OutcomeTimeline
	case bot.KindError:
		return OutcomeError
	}
	return OutcomeInfo
}

// startsQuizRound reports whether the reply opened a quiz round ("/quiz [topic]", also
// from the "next question" button). Answering or revealing shows the question again,
// but starts nothing.
func startsQuizRound(r *bot.Reply) bool {
	return r != nil && r.Quiz != nil && r.Quiz.Started
}

// KindForStatus maps an HTTP status of a failed platform call to a send error kind.
func KindForStatus(status int) string {
	switch {
	case status == http.StatusTooManyRequests:
		return SendRateLimited
	case status >= 500:
		return SendServer
	case status >= 400:
		return SendRejected
	}
	return SendOther
}

// KindForError maps a transport error (no HTTP status) to a send error kind: timeouts,
// network failures, and SendOther for the rest.
func KindForError(err error) string {
	var ne net.Error
	switch {
	case err == nil:
		return SendOther
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return SendTimeout
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return SendNetwork
	}
	var (
		oe *net.OpError
		de *net.DNSError
	)
	if errors.As(err, &oe) || errors.As(err, &de) {
		return SendNetwork
	}
	return SendOther
}

func sendKindLabel(kind string) string {
	for _, k := range sendKinds {
		if kind == k {
			return k
		}
	}
	return SendOther
}

// platformLabel keeps the platform label short and plain, so that a stray value cannot
// blow up the number of series: lower case letters, digits, '_' and '-', at most 32.
func platformLabel(p string) string {
	p = strings.ToLower(p)
	if p == "" {
		return "unknown"
	}
	return boundedLabel(p)
}

func boundedLabel(s string) string {
	if s == "" || len(s) > 32 {
		return "other"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c >= 'A' && c <= 'Z') {
			return "other"
		}
	}
	return s
}
