package telegram

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/address"
	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// process handles one update on a worker: it turns the update into the bot's reply and hands
// the reply to the outbox, which delivers it in order for its chat and at Telegram's pace.
// The update is finished (j.finish) once its reply is delivered or deliberately dropped, or
// at once when there is nothing to send. Workers never wait for pacing, so a busy group does
// not hold up other chats.
func (a *Adapter) process(ctx context.Context, j job) {
	out, handled := a.route(ctx, j)
	if out == nil {
		j.finish(handled)
		return
	}
	a.outbox.enqueue(ctx, out, j.finish)
}

// route computes the reply to an update. It reports handled=false only when shutdown cut the
// answer short, so the poller does not confirm that update to Telegram. A panic is logged and
// the update counted as handled: a poisonous update must not be redelivered forever.
func (a *Adapter) route(ctx context.Context, j job) (out *outgoing, handled bool) {
	u := j.update
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("panic while handling an update", "update_id", u.UpdateID, "panic", a.red.String(
				strings.TrimSpace(strings.SplitN(fmt.Sprint(p), "\n", 2)[0])))
			out, handled = nil, true
		}
	}()
	switch {
	case u.Message != nil:
		return a.handleMessage(ctx, u.UpdateID, u.Message, j)
	case u.ChannelPost != nil:
		return a.handleMessage(ctx, u.UpdateID, u.ChannelPost, j)
	case u.CallbackQuery != nil:
		return a.handleCallback(ctx, u.CallbackQuery, j)
	case u.InlineQuery != nil:
		a.handleInline(ctx, u.InlineQuery)
		return nil, true
	case u.PollAnswer != nil:
		a.handlePollAnswer(ctx, u.PollAnswer)
		return nil, true
	case u.EditedMessage != nil || u.EditedChannelPost != nil:
		// Answering an edit would answer the same question twice, so edits are ignored.
		a.log.Debug("update skipped", "update_id", u.UpdateID, "reason", skipEdited)
		return nil, true
	}
	a.log.Debug("update skipped", "update_id", u.UpdateID, "reason", skipUnknownEvent)
	return nil, true
}

func (a *Adapter) handleMessage(ctx context.Context, updateID int, m *tgbotapi.Message, j job) (*outgoing, bool) {
	in, skip := a.toIncoming(m)
	if in == nil {
		a.log.Debug("update skipped", "update_id", updateID, "reason", skip)
		return nil, true
	}
	a.meter.In()
	// A chat that writes to the bot has unblocked or re-added it.
	a.clearForbidden(in.chatID)
	if in.group && !in.msg.IsAdmin && in.userID != 0 && strings.HasPrefix(in.msg.Text, "/") {
		// Admin-only commands (/lang, /mute, …) need to know; other messages do not pay for it.
		in.msg.IsAdmin = a.isAdmin(ctx, in.chatID, in.userID)
	}
	reply := a.brain.Handle(ctx, &in.msg)
	if ctx.Err() != nil {
		return nil, false // shutdown cut the answer short; Telegram will deliver it again
	}
	if reply == nil {
		return nil, true
	}
	replyTo := 0
	if in.msg.ChatKind != bot.Private {
		replyTo = in.messageID
	}
	return &outgoing{chatID: in.chatID, group: in.group, replyTo: replyTo, reply: reply, born: j.arrived,
		poll: a.quizPollFor(ctx, in.msg.ChatKind, reply)}, true
}

// handleCallback runs a button press: the button's command goes to the bot as an action and
// the reply replaces the message the button was on. Every callback is answered, so the
// user's client stops its spinner even when nothing changes.
func (a *Adapter) handleCallback(ctx context.Context, q *tgbotapi.CallbackQuery, j job) (*outgoing, bool) {
	var locale string
	if q.From != nil {
		locale = q.From.LanguageCode
	}
	data, ok := q.Data, q.Data != ""
	if strings.HasPrefix(data, callbackPrefix) {
		data, ok = a.buttons.get(data)
	}
	if !ok || !strings.HasPrefix(data, "/") || !utf8.ValidString(data) {
		// A button from before a restart, an older version, or a forged callback.
		a.answerCallback(ctx, q.ID, bot.Text(bot.LangForLocale(locale), bot.TextButtonExpired))
		return nil, true
	}
	a.answerCallback(ctx, q.ID, "")
	a.meter.In()

	msg := bot.Message{Platform: "telegram", Text: data, Action: true, LocaleHint: locale}
	out := outgoing{born: j.arrived}
	var userID int64
	if q.From != nil {
		userID = q.From.ID
		msg.UserID = strconv.FormatInt(q.From.ID, 10)
		msg.UserName = displayName(q.From)
	}
	switch {
	case q.Message != nil && q.Message.Chat != nil:
		chat := q.Message.Chat
		out.chatID, out.editID = chat.ID, q.Message.MessageID
		msg.ChatID = strconv.FormatInt(chat.ID, 10)
		switch chat.Type {
		case "private":
			msg.ChatKind, msg.IsAdmin = bot.Private, true
		case "channel":
			msg.ChatKind, msg.IsAdmin = bot.Channel, true
		default:
			msg.ChatKind, out.group = bot.Group, true
			if userID != 0 {
				msg.IsAdmin = a.isAdmin(ctx, chat.ID, userID)
			}
		}
	case q.InlineMessageID != "":
		// A button under an inline result: the chat is unknown, the user is the context.
		out.inlineID = q.InlineMessageID
		out.chatID = userID
		msg.ChatID = msg.UserID
		msg.ChatKind = bot.Private
	default:
		return nil, true
	}
	address.Mark(&msg, address.Signals{Action: true}) // only the bot's own buttons make callbacks
	out.reply = a.brain.Handle(ctx, &msg)
	if ctx.Err() != nil {
		return nil, false
	}
	if out.reply == nil {
		return nil, true
	}
	return &out, true
}

func (a *Adapter) answerCallback(ctx context.Context, id, text string) {
	if _, err := a.api(ctx).Request(tgbotapi.NewCallback(id, text)); err != nil {
		// "query is too old" after a restart or a slow reply; nothing to do about it.
		a.log.Debug("cannot answer a button press", "err", a.red.Error(err))
	}
}

// handleInline answers "@ThisBot question" typed in any chat with the best matching facts,
// each as an article whose message is the fact's answer with its sources.
func (a *Adapter) handleInline(ctx context.Context, q *tgbotapi.InlineQuery) {
	lang := knowledge.EN
	if q.From != nil {
		lang = bot.LangForLocale(q.From.LanguageCode)
	}
	query := strings.TrimSpace(chattext.Clean(q.Query))
	a.meter.In()
	if q.From != nil && !a.inlineAllowed(q.From.ID) {
		// Over the limit: no answer at all, which costs nothing; the client shows none.
		a.log.Debug("inline query over the flood limit", "user", q.From.ID)
		return
	}
	results := []any{} // Telegram wants a list, never null
	if query != "" {
		choices := a.brain.Suggest(query, lang, a.cfg.InlineResults)
		if len(choices) == 0 {
			// The question may be in the other language than the user's client.
			lang = lang.Other()
			choices = a.brain.Suggest(query, lang, a.cfg.InlineResults)
		}
		for _, c := range choices {
			if r := a.inlineResult(c, lang); r != nil {
				results = append(results, *r)
			}
		}
	}
	cfg := tgbotapi.InlineConfig{
		InlineQueryID: q.ID,
		Results:       results,
		CacheTime:     int(a.cfg.InlineCacheTime.Seconds()),
		// Results follow the user's language, so Telegram must not share them across users.
		IsPersonal: true,
	}
	if _, err := a.api(ctx).Request(cfg); err != nil {
		a.log.Warn("cannot answer an inline query", "err", a.red.Error(err))
	}
}

func (a *Adapter) inlineResult(c bot.Choice, lang knowledge.Lang) *tgbotapi.InlineQueryResultArticle {
	reply := a.brain.FactReply(c.FactID, lang)
	if reply == nil {
		return nil
	}
	d := renderDoc(reply)
	parts := d.split(maxMessageUnits)
	if len(parts) == 0 || len(parts[0]) == 0 {
		return nil
	}
	id := c.FactID
	if len(id) > 64 { // Telegram's limit on result ids
		id = id[:64]
	}
	title := chattext.Clean(c.Title)
	if title == "" {
		title = chattext.Clean(reply.Title)
	}
	art := tgbotapi.NewInlineQueryResultArticleHTML(id, title, parts[0].html())
	art.InputMessageContent = tgbotapi.InputTextMessageContent{
		Text: parts[0].html(), ParseMode: tgbotapi.ModeHTML, DisableWebPagePreview: true}
	art.Description = snippet(reply, 120)
	return &art
}

// snippet is the start of a reply's body as plain text, for inline result descriptions.
func snippet(r *bot.Reply, maxRunes int) string {
	var b strings.Builder
	for _, blk := range r.Blocks {
		for _, s := range blk.Spans {
			b.WriteString(chattext.Clean(s.Text))
		}
		b.WriteByte(' ')
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	runes := []rune(s)
	return strings.TrimSpace(string(runes[:maxRunes-1])) + "…"
}

// commandName is what Telegram accepts as a command: 1-32 lowercase letters, digits, _.
var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// setCommands publishes the command menu in English (the default) and Indonesian, for
// private chats and for groups. A failure is logged: the bot works without menus.
func (a *Adapter) setCommands(ctx context.Context) {
	infos := a.brain.Commands()
	for _, lang := range []string{"", "id"} {
		var cmds []tgbotapi.BotCommand
		for _, c := range infos {
			name := strings.TrimPrefix(strings.ToLower(c.Name), "/")
			if !commandName.MatchString(name) {
				a.log.Warn("command not valid on Telegram; left out of the menu", "command", c.Name)
				continue
			}
			desc := c.DescriptionEN
			if lang == "id" && c.DescriptionID != "" {
				desc = c.DescriptionID
			}
			desc = strings.TrimSpace(chattext.Clean(desc))
			if utf8.RuneCountInString(desc) < 3 {
				desc = "/" + name + " " + desc
			}
			if r := []rune(desc); len(r) > 256 {
				desc = string(r[:256])
			}
			cmds = append(cmds, tgbotapi.BotCommand{Command: name, Description: desc})
		}
		if len(cmds) > 100 {
			cmds = cmds[:100]
		}
		if len(cmds) == 0 {
			return
		}
		for _, scope := range []tgbotapi.BotCommandScope{
			tgbotapi.NewBotCommandScopeAllPrivateChats(), tgbotapi.NewBotCommandScopeAllGroupChats()} {
			cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, lang, cmds...)
			if _, err := a.api(ctx).Request(cfg); err != nil {
				a.log.Warn("cannot set the command menu", "scope", scope.Type, "language", lang, "err", a.red.Error(err))
			}
		}
	}
}
