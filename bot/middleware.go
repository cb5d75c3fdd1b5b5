package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"runtime/debug"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// LangSource says how the reply language of a message was decided.
type LangSource int

// Ways a reply language is decided, strongest first.
const (
	LangDefault LangSource = iota // nothing told: English
	LangHint                      // the client's locale, or an Indonesian command alias
	LangAsked                     // a follow-up's own words, read before it was rewritten
	LangChosen                    // the chat chose it with /lang; questions do not override it
)

// Fixed reports whether the language is settled before the question is read, so that
// the text being answered does not switch it: the chat chose it, or a follow-up's own
// words told it ("kapan diadopsi?" rewritten around an English fact name stays Indonesian).
func (s LangSource) Fixed() bool { return s >= LangAsked }

// WithAskedLang settles the reply language on the language asked's own words are in,
// unless the chat chose one or asked does not tell: a follow-up is rewritten with the
// last answer's subject, whose name would otherwise decide the language.
func WithAskedLang(ctx context.Context, asked string) context.Context {
	if _, src := LangFrom(ctx); src.Fixed() {
		return ctx
	}
	if l, ok := knowledge.DetectLang(asked); ok {
		return withLang(ctx, l, LangAsked)
	}
	return ctx
}

type langKey struct{}

type langInfo struct {
	lang   knowledge.Lang
	source LangSource
}

// LangFrom returns the reply language resolved for the message being handled, and how
// it was decided. Command handlers use it; outside a handler it is English/LangDefault.
func LangFrom(ctx context.Context) (knowledge.Lang, LangSource) {
	if li, ok := ctx.Value(langKey{}).(langInfo); ok {
		return li.lang, li.source
	}
	return knowledge.EN, LangDefault
}

func withLang(ctx context.Context, lang knowledge.Lang, src LangSource) context.Context {
	return context.WithValue(ctx, langKey{}, langInfo{lang: lang, source: src})
}

// Recover turns a panic in any handler into a polite error reply and a log line, so one
// bad message never takes the bot down or shows a stack trace in a chat.
func Recover(log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) (reply *Reply) {
			defer func() {
				if v := recover(); v != nil {
					// The error id ties the user's report to the log line.
					id := errorID()
					log.Error("handler panic", "error_id", id, "platform", m.Platform, "chat", m.ChatID, "panic", v, "stack", string(debug.Stack()))
					lang, _ := LangFrom(ctx)
					reply = errorReply(lang, text(lang, "internal")+" "+text(lang, "internal.id", id))
				}
			}()
			return next.Handle(ctx, m)
		})
	}
}

// Addressed drops messages not meant for the bot: in groups only addressed messages
// count, broadcast channels are never answered, private chats always are.
func Addressed() Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
			switch {
			case m.ChatKind == Channel:
				return nil
			case m.ChatKind == Private, m.Addressed:
				return next.Handle(ctx, m)
			}
			return nil
		})
	}
}

// ResolveLang decides the reply language before routing: the chat's /lang choice,
// else an Indonesian command alias or the client locale, else English. Question
// handlers may still switch to the language the question is written in unless the
// chat chose one (see LangFrom). It reads the chat's record, once per message: the
// middlewares and handlers after it take that record from the context (chatOf).
func ResolveLang(store ChatStore, log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
			rec := readChat(ctx, store, log, m.ChatKey())
			lang, src := openingLang(m, rec)
			ctx = context.WithValue(ctx, chatKey{}, rec)
			return next.Handle(withLang(ctx, lang, src), m)
		})
	}
}

type chatKey struct{}

// chatRecord is a chat's record as read at the start of a message; err is the read's
// failure (the record is then NewChat's).
type chatRecord struct {
	key  string
	chat Chat
	err  error
}

// readChat reads a chat's record; a failure is logged once, here.
func readChat(ctx context.Context, store ChatStore, log *slog.Logger, key string) chatRecord {
	c, err := store.Chat(ctx, key)
	if err != nil {
		log.Warn("chat state unavailable", "chat", key, "err", err)
		c = NewChat()
	}
	return chatRecord{key: key, chat: c, err: err}
}

// chatOf is the record of the chat key as the message being handled read it, so that a
// message costs one read of its chat; code outside the chain (the daily fact) reads
// the store.
func (b *Bot) chatOf(ctx context.Context, key string) (Chat, error) {
	rec, ok := ctx.Value(chatKey{}).(chatRecord)
	if !ok || rec.key != key {
		rec = readChat(ctx, b.store, b.log, key)
	}
	return rec.chat, rec.err
}

// openingLang is the language a reply to m opens in before its question is read, and
// why; a chat whose record could not be read has no choice (the reply still goes out).
func openingLang(m *Message, rec chatRecord) (knowledge.Lang, LangSource) {
	lang, src := knowledge.EN, LangDefault
	if hint, ok := LocaleLang(m.LocaleHint); ok {
		lang, src = hint, LangHint
	}
	if m.Call.Indonesian() {
		lang, src = knowledge.ID, LangHint
	}
	if rec.err == nil && rec.chat.Lang != "" {
		lang, src = rec.chat.Lang, LangChosen
	}
	return lang, src
}

// ChatLang is the language the bot would open a reply to m in: the chat's /lang
// choice, else the command alias or client locale, else English. Code in front of the
// chain (the flood limiter's one notice) asks it, so that it speaks as the chat chose.
func (b *Bot) ChatLang(ctx context.Context, m *Message) knowledge.Lang {
	lang, _ := openingLang(m, readChat(ctx, b.store, b.log, m.ChatKey()))
	return lang
}

// LocaleLang maps a client locale ("id", "id-ID", "in_ID", "ind", "en-US") to a
// language; ok is false for any other. It is the one locale parser: adapters and the
// limiter call it rather than keeping their own.
func LocaleLang(hint string) (lang knowledge.Lang, ok bool) {
	h := strings.ToLower(strings.TrimSpace(hint))
	// "in" is the code Java-era clients still send for Indonesian; "ind" is ISO 639-2.
	base, _, _ := strings.Cut(strings.ReplaceAll(h, "_", "-"), "-")
	switch base {
	case "id", "in", "ind":
		return knowledge.ID, true
	case "en", "eng":
		return knowledge.EN, true
	}
	return "", false
}

// LangForLocale is the reply language for a client locale when nothing else tells it:
// the locale's language when LocaleLang knows it, else English.
func LangForLocale(hint string) knowledge.Lang {
	if lang, ok := LocaleLang(hint); ok {
		return lang
	}
	return knowledge.EN
}

// Sanitize rejects unreadable input politely and cleans the rest: invalid UTF-8 or
// mostly-binary text gets a note, control characters are dropped, an empty message
// gets a hint and an overlong one a note about the limit. Handlers after it see clean,
// trimmed text of bounded length.
func Sanitize(maxRunes int) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
			lang, _ := LangFrom(ctx)
			clean, problem := cleanText(m.Text, maxRunes)
			if problem != "" {
				return errorReply(lang, problemText(lang, problem, m.Text, maxRunes))
			}
			cp := *m
			cp.Text = clean
			return next.Handle(ctx, &cp)
		})
	}
}

// Problems cleanText reports.
const (
	probEmpty      = "empty"
	probUnreadable = "unreadable"
	probTooLong    = "too_long"
)

func problemText(lang knowledge.Lang, problem, raw string, maxRunes int) string {
	switch problem {
	case probTooLong:
		return text(lang, "too_long", utf8.RuneCountInString(raw), maxRunes)
	case probEmpty:
		return text(lang, "empty")
	}
	return text(lang, "unreadable")
}

// cleanText normalises whitespace and control characters; problem is empty when the
// text can be handled.
func cleanText(s string, maxRunes int) (clean, problem string) {
	if !utf8.ValidString(s) {
		return "", probUnreadable
	}
	clean, total, bad := cleanRunes(s)
	if total > 0 && bad*4 > total {
		return "", probUnreadable
	}
	if clean == "" {
		if bad > 0 {
			return "", probUnreadable
		}
		return "", probEmpty
	}
	if maxRunes > 0 && utf8.RuneCountInString(clean) > maxRunes {
		return "", probTooLong
	}
	return clean, ""
}

// collapseSpace is s as cleanText leaves readable text, without judging it.
func collapseSpace(s string) string {
	clean, _, _ := cleanRunes(s)
	return clean
}

// cleanRunes turns whitespace into single spaces and drops control and formatting
// characters; total and bad count the runes read and the control ones dropped.
func cleanRunes(s string) (clean string, total, bad int) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		total++
		switch {
		case r == '\n' || r == '\t' || r == '\r' || unicode.IsSpace(r):
			b.WriteByte(' ')
		case r == utf8.RuneError || unicode.IsControl(r):
			bad++
		case unicode.Is(unicode.Cf, r):
			// Zero-width and bidi formatting characters carry no meaning for a question.
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " "), total, bad
}

// errorID is a short random id for one failure.
func errorID() string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(b[:])
}

func errorReply(lang knowledge.Lang, s string) *Reply {
	return &Reply{Kind: KindError, Lang: lang, Blocks: []Block{para(s)}}
}

func para(s string) Block { return Block{Spans: []Span{{Text: s}}} }
