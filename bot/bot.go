package bot

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/chart"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Choice is a fact offered for selection (Discord autocomplete, Telegram inline results).
type Choice struct {
	FactID string
	Title  string
}

// CommandInfo describes a command for platform menus (Telegram setMyCommands, Discord
// slash-command registration). Descriptions are at most 100 characters.
type CommandInfo struct {
	Name          string // "ask"
	DescriptionEN string
	DescriptionID string
	// Arg names the free-text argument ("question", "id", ...), empty when none.
	Arg string
	// AliasesID are the Indonesian names of the command ("tanya"), which the bot also accepts.
	AliasesID []string
	// Args are the typed arguments, topic choices filled in (see Command.Args).
	Args []ArgSpec
	// Platforms are the platforms whose menus list the command; empty means all.
	Platforms []string
	// Visibility says who sees the replies where a platform can keep them private.
	Visibility Visibility
}

// On reports whether platform's menus list the command.
func (c CommandInfo) On(platform string) bool {
	return len(c.Platforms) == 0 || slices.Contains(c.Platforms, platform)
}

// DefaultMaxQuestionRunes caps a question's length; longer input gets a polite note.
const DefaultMaxQuestionRunes = 500

// DefaultReportURL is where /about tells users to report a wrong fact.
const DefaultReportURL = "https://github.com/cyberdiplo/cyberdiplo/issues"

// Options tune the bot.
type Options struct {
	// BotName is used in help texts ("@cyberdiplo_bot"); optional.
	BotName string
	// Store keeps the chats' records, quizzes, daily facts and the curators' log; nil
	// means in memory.
	Store Store
	// Logger receives operational logs; nil discards them.
	Logger *slog.Logger
	// MaxQuestionRunes caps the length of a message; 0 means DefaultMaxQuestionRunes.
	MaxQuestionRunes int
	// ReportURL is shown by /about for error reports; empty means DefaultReportURL.
	ReportURL string
	// Operators may run /reload from a private chat, as "platform:user id"
	// ("telegram:123456789"); the console's user always may.
	Operators []string
	// Middlewares wrap the bot's own handling of every message, first listed outermost,
	// inside the panic recovery (which stays outermost, so a panic in one still gets the
	// apology) and before the addressing, language and command routing: a flood limiter
	// here refuses a message before any work is done on it, and a metrics middleware
	// sees every outcome, silence included.
	Middlewares []Middleware
	// Features are the parts of the bot outside its core (bot/glossary, bot/study; the
	// bot/standard package lists the shipped ones): their commands follow the core's in
	// /help and menus, in this order, and their middlewares run after the core's, the
	// first listed outermost. A feature that is an Attacher is attached first.
	Features []Feature
	// Matcher, when set, answers questions instead of the fact base's matcher: tests
	// script it to check reply composition apart from retrieval quality.
	Matcher QuestionMatcher
	// Clock is the bot's clock; nil means time.Now (tests set a fake one).
	Clock func() time.Time
	// ObserveMatch, when set, is told every matcher verdict and how long the matcher
	// took (match latency metrics).
	ObserveMatch func(res knowledge.Result, took time.Duration)
}

// QuestionMatcher is what the bot needs of knowledge.Matcher; tests script it
// (Options.Matcher) to check reply composition independently of retrieval quality.
type QuestionMatcher interface {
	Match(question string, hint knowledge.Lang) knowledge.Result
	// MatchQuestion matches a message parsed once by the snapshot's matcher.
	MatchQuestion(q *knowledge.Question, hint knowledge.Lang) knowledge.Result
	Complete(partial string, lang knowledge.Lang, limit int) []*knowledge.Fact
}

// Bot is the shared brain. It is safe for concurrent use.
type Bot struct {
	// lib holds the fact base, reloadable; each message is answered from the view of
	// one snapshot (view.go). scripted replaces the snapshot's matcher in tests.
	lib      *knowledge.Library
	scripted QuestionMatcher
	curView  atomic.Pointer[view]
	viewMu   sync.Mutex // serialises building a view after a reload; readers never take it
	opts     Options
	store    Store
	log      *slog.Logger
	router   *Router
	now      func() time.Time // the clock; tests set a fake one
	handler  Handler
	charts   *chart.Renderer // timeline pictures, cached per snapshot (chart.go)
}

// New builds a bot over a fixed fact base and its matcher (nil: a matcher over base).
func New(base *knowledge.Base, matcher *knowledge.Matcher, opts Options) *Bot {
	return newBotOver(knowledge.NewFixedLibrary(base, matcher), nil, opts)
}

// NewWithLibrary builds a bot over a reloadable library: every message is answered
// from the snapshot current when it arrives, and /reload is available to operators.
func NewWithLibrary(lib *knowledge.Library, opts Options) *Bot { return newBotOver(lib, nil, opts) }

// newBot builds a bot whose matcher is scripted (tests of reply composition).
func newBot(base *knowledge.Base, matcher QuestionMatcher, opts Options) *Bot {
	return newBotOver(knowledge.NewFixedLibrary(base, nil), matcher, opts)
}

func newBotOver(lib *knowledge.Library, scripted QuestionMatcher, opts Options) *Bot {
	if opts.Store == nil {
		opts.Store = NewMemoryStore()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.MaxQuestionRunes <= 0 {
		opts.MaxQuestionRunes = DefaultMaxQuestionRunes
	}
	if opts.ReportURL == "" {
		opts.ReportURL = DefaultReportURL
	}
	if scripted == nil {
		scripted = opts.Matcher
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	b := &Bot{lib: lib, scripted: scripted, opts: opts, store: opts.Store, log: opts.Logger, charts: newCharts(opts.Logger), now: opts.Clock}
	b.current() // build the first view now rather than on the first message
	b.router = NewRouter(HandlerFunc(b.handleQuestion))
	b.router.unknown = b.handleUnknown
	for _, f := range opts.Features {
		if a, ok := f.(Attacher); ok {
			a.Attach(b)
		}
	}
	b.router.Register(b.coreCommands()...)
	for _, f := range opts.Features {
		b.router.Register(f.Commands()...)
	}
	b.router.Register(b.reloadCommands()...)
	chain := append([]Middleware{Recover(b.log)}, opts.Middlewares...)
	chain = append(chain,
		Addressed(),
		b.router.parseCalls,
		ResolveLang(b.store, b.log),
		Sanitize(opts.MaxQuestionRunes),
		b.RememberAnswer,
	)
	for _, f := range opts.Features {
		if mw := f.Middleware(); mw != nil {
			chain = append(chain, mw)
		}
	}
	b.handler = Chain(b.router, chain...)
	return b
}

// Register adds commands at run time (for packages outside bot). Call it before the
// bot serves messages; names must not clash with existing ones.
func (b *Bot) Register(cmds ...Command) { b.router.Register(cmds...) }

// Base returns the fact base the bot answers from now; after a reload it is the new one.
func (b *Bot) Base() *knowledge.Base { return b.current().base }

// Store returns the store of chat records, quizzes, daily facts and the curators' log.
func (b *Bot) Store() Store { return b.store }

// Handle answers one message; nil means stay silent.
func (b *Bot) Handle(ctx context.Context, m *Message) *Reply {
	if m == nil {
		return nil
	}
	return b.handler.Handle(b.withView(ctx), m)
}

// FactReply renders one fact as an answer; nil when the id is unknown.
func (b *Bot) FactReply(id string, lang knowledge.Lang) *Reply {
	kb := b.current()
	f, ok := kb.base.Get(id)
	if !ok {
		return nil
	}
	return b.answerReply(kb, f, normLang(lang))
}

// Suggest offers facts for a partial input, best first.
func (b *Bot) Suggest(query string, lang knowledge.Lang, limit int) []Choice {
	if limit <= 0 {
		return nil
	}
	clean, problem := cleanText(query, b.opts.MaxQuestionRunes)
	if problem != "" {
		return nil
	}
	lang = normLang(lang)
	var out []Choice
	for _, f := range b.current().matcher.Complete(clean, lang, limit) {
		out = append(out, Choice{FactID: f.ID, Title: f.Title(lang)})
	}
	return out
}

// Commands lists the commands for platform menus, in the order of /help.
func (b *Bot) Commands() []CommandInfo {
	var out []CommandInfo
	for _, c := range b.router.Commands() {
		if c.Hidden {
			continue
		}
		out = append(out, CommandInfo{Name: c.Name, DescriptionEN: c.DescriptionEN, DescriptionID: c.DescriptionID,
			Arg: c.Arg, AliasesID: append([]string(nil), c.AliasesID...), Args: withChoices(c.Args),
			Platforms: append([]string(nil), c.Platforms...), Visibility: c.Visibility})
	}
	return out
}

// Answer is the outcome of Ask: the reply and the matcher's verdict behind it.
type Answer struct {
	Question string           // the question as matched (cleaned)
	Lang     knowledge.Lang   // the reply language
	Reply    *Reply           // what the user sees
	Result   knowledge.Result // zero when the input was rejected before matching
}

// Answered reports whether the reply is an answer from the fact base.
func (a Answer) Answered() bool { return a.Reply != nil && a.Reply.Kind == KindAnswer }

// Ask answers one question outside any chat (CLI, evaluation). lang forces the reply
// language; empty means the question's own language (English when it cannot be told).
func (b *Bot) Ask(ctx context.Context, question string, lang knowledge.Lang) Answer {
	src := LangChosen
	if lang == "" {
		lang, src = knowledge.EN, LangDefault
	}
	clean, problem := cleanText(question, b.opts.MaxQuestionRunes)
	if problem != "" {
		return Answer{Question: question, Lang: lang, Reply: errorReply(lang, problemText(lang, problem, question, b.opts.MaxQuestionRunes))}
	}
	kb := b.kb(ctx)
	parsed := kb.snap.Matcher.Parse(clean)
	if r := askBack(kb, parsed, lang, src); r != nil {
		// There is no chat behind Ask: a question that only leans on a previous
		// answer ("kapan dibentuk?", "dokumennya apa?") has nothing to lean on.
		return Answer{Question: clean, Lang: r.Lang, Reply: r, Result: knowledge.Result{Lang: r.Lang}}
	}
	reply, res := b.answer(kb, parsed, lang, src)
	return Answer{Question: clean, Lang: reply.Lang, Reply: reply, Result: res}
}

// CLIPlatform is the Message.Platform of Converse: one local user piping a file of
// messages, like the console, so flood limits do not apply to it.
const CLIPlatform = "cli"

// Converse answers one message of the private chat chat, as the console would: the
// chat's last answer, open quiz and settings apply, so follow-ups and requests about
// the last answer work across calls (the CLI's `ask --chat`). lang is the client's
// language hint.
func (b *Bot) Converse(ctx context.Context, chat, message string, lang knowledge.Lang) Answer {
	ctx = b.withView(ctx)
	m := &Message{Platform: CLIPlatform, ChatID: chat, ChatKind: Private, Text: message, Addressed: true, IsAdmin: true, LocaleHint: string(lang)}
	reply := b.Handle(ctx, m)
	if reply == nil {
		return Answer{Question: message, Lang: normLang(lang), Reply: &Reply{Kind: KindInfo, Lang: normLang(lang), Outcome: Outcome{Act: ActSmallTalk}}}
	}
	kb := b.kb(ctx)
	res := knowledge.Result{Lang: reply.Lang}
	for _, id := range reply.Outcome.Suggested {
		if f, ok := kb.base.Get(id); ok {
			res.Suggestions = append(res.Suggestions, f)
		}
	}
	if f, ok := kb.base.Get(reply.FactID); ok && reply.Kind == KindAnswer {
		res.Answered, res.Best = true, knowledge.Scored{Fact: f, Score: reply.Outcome.Score}
		res.Candidates = []knowledge.Scored{res.Best}
	}
	return Answer{Question: message, Lang: reply.Lang, Reply: reply, Result: res}
}

// observedMatcher times a matcher and reports each verdict (Options.ObserveMatch).
type observedMatcher struct {
	QuestionMatcher
	observe func(knowledge.Result, time.Duration)
}

func (o observedMatcher) Match(question string, hint knowledge.Lang) knowledge.Result {
	start := time.Now()
	res := o.QuestionMatcher.Match(question, hint)
	o.observe(res, time.Since(start))
	return res
}

func (o observedMatcher) MatchQuestion(q *knowledge.Question, hint knowledge.Lang) knowledge.Result {
	start := time.Now()
	res := o.QuestionMatcher.MatchQuestion(q, hint)
	o.observe(res, time.Since(start))
	return res
}

// observed wraps m with Options.ObserveMatch when it is set.
func (b *Bot) observed(m QuestionMatcher) QuestionMatcher {
	if b.opts.ObserveMatch == nil || m == nil {
		return m
	}
	return observedMatcher{QuestionMatcher: m, observe: b.opts.ObserveMatch}
}

func normLang(l knowledge.Lang) knowledge.Lang {
	if l == knowledge.ID {
		return knowledge.ID
	}
	return knowledge.EN
}
