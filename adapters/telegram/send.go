package telegram

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/adapters/internal/retry"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// outgoing is one reply on its way to a chat.
type outgoing struct {
	chatID  int64
	group   bool
	replyTo int // the question, quoted in groups (this also keeps forum topics right)
	// editID is the message to update in place (a button press); 0 sends a new message.
	editID int
	// inlineID is the inline message to update in place (a button under an inline result).
	inlineID string
	reply    *bot.Reply
	// poll, when set, is the reply as a native quiz poll, sent instead of the reply.
	poll *bot.QuizPoll
	born time.Time // when the triggering update arrived: the age cap counts from here
}

// outcome of one attempt to put a text on Telegram.
type outcome int

const (
	sent       outcome = iota
	parseError         // Telegram could not parse the HTML: resend as plain text
	editGone           // the message to edit is gone or too old: send a new one
	dropped            // given up on purpose (stale, blocked); already logged
	refused            // Telegram refused this request for good (a 4xx); already logged
	abandoned          // our context ended: shutdown cut the reply short
)

// deliver sends a reply and reports whether it was dealt with (sent, or dropped on purpose)
// rather than abandoned at shutdown.
func (a *Adapter) deliver(ctx context.Context, out outgoing) bool {
	return a.deliverOutcome(ctx, out) != abandoned
}

// deliverOutcome sends a reply: HTML split into parts of at most 4096 UTF-16 units, buttons
// under the last part, a plain-text retry of any part Telegram cannot parse; a quiz goes out
// as a native poll when it can. It returns sent, or the first outcome that stopped it.
func (a *Adapter) deliverOutcome(ctx context.Context, out outgoing) outcome {
	if out.poll != nil {
		res := a.sendQuizPoll(ctx, &out)
		if res != refused && res != parseError {
			return res
		}
		// Refused (a question longer than Telegram allows, …): send the quiz as a message
		// with answer buttons instead.
	}
	if out.reply != nil && out.reply.Image != nil {
		if res := a.sendPhoto(ctx, &out); res != refused {
			return res
		}
	}
	parts := renderDoc(out.reply).split(maxMessageUnits)
	if len(parts) == 0 || len(parts) == 1 && len(parts[0]) == 0 {
		a.log.Debug("empty reply not sent", "chat", out.chatID)
		return sent
	}
	markup := a.keyboard(out.reply.Buttons)
	for i, part := range parts {
		var kb *tgbotapi.InlineKeyboardMarkup
		if i == len(parts)-1 {
			kb = markup
		}
		edit := i == 0 && (out.editID != 0 || out.inlineID != "")
		res := a.sendPart(ctx, &out, part, kb, edit)
		if res == editGone {
			res = a.sendPart(ctx, &out, part, kb, false)
		}
		if res != sent {
			return res
		}
	}
	return sent
}

// errNotDelivered reports a reply given up on purpose (stale, blocked, refused); the reason
// is in the log.
var errNotDelivered = errors.New("telegram: reply not delivered (see the log)")

// Send posts a reply to a chat without an incoming message, such as the bot's daily fact. It
// implements bot.Sender for chat keys "telegram:<chat id>", waiting until the adapter is
// connected.
func (a *Adapter) Send(ctx context.Context, chatKey string, r *bot.Reply) error {
	platform, id, _ := strings.Cut(chatKey, ":")
	chatID, err := strconv.ParseInt(id, 10, 64)
	if platform != a.Name() || err != nil {
		return fmt.Errorf("telegram: %q is not a Telegram chat", chatKey)
	}
	select {
	case <-a.ready:
	case <-ctx.Done():
		return ctx.Err()
	}
	if r == nil {
		return nil
	}
	// Negative ids are groups, supergroups and channels: pace them as groups.
	out := outgoing{chatID: chatID, group: chatID < 0, reply: r, born: a.now()}
	switch a.deliverOutcome(ctx, out) {
	case sent:
		return nil
	case abandoned:
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return errNotDelivered
	}
	return errNotDelivered
}

// sendPart sends one part as HTML, falling back to plain text when Telegram rejects the markup.
func (a *Adapter) sendPart(ctx context.Context, out *outgoing, part doc, kb *tgbotapi.InlineKeyboardMarkup, edit bool) outcome {
	res := a.sendText(ctx, out, part.html(), tgbotapi.ModeHTML, kb, edit)
	if res != parseError {
		return res
	}
	a.log.Warn("Telegram could not parse the reply's HTML; sending it as plain text", "chat", out.chatID)
	texts := splitPlain(part.plain(), maxMessageUnits)
	for i, text := range texts {
		var k *tgbotapi.InlineKeyboardMarkup
		if i == len(texts)-1 {
			k = kb
		}
		res = a.sendText(ctx, out, text, "", k, edit && i == 0)
		if res != sent {
			return res
		}
	}
	return sent
}

// sendText makes one message (or edit) arrive.
func (a *Adapter) sendText(ctx context.Context, out *outgoing, text, mode string, kb *tgbotapi.InlineKeyboardMarkup, edit bool) outcome {
	res := a.attempt(ctx, out, kb, edit, func(ctx context.Context, kb *tgbotapi.InlineKeyboardMarkup) error {
		return a.request(ctx, out, text, mode, kb, edit)
	})
	if res == parseError && mode == "" { // cannot happen without a parse mode; never loop on it
		a.log.Warn("Telegram refused a plain-text reply as unparsable", "chat", out.chatID)
		return refused
	}
	return res
}

// attempt makes one request succeed: it waits for the pacer, honours 429 retry_after,
// retries network errors and 5xx with backoff, follows a group's migration to a supergroup,
// and drops the reply with a log line once it is older than max_reply_age.
func (a *Adapter) attempt(ctx context.Context, out *outgoing, kb *tgbotapi.InlineKeyboardMarkup, edit bool,
	do func(context.Context, *tgbotapi.InlineKeyboardMarkup) error) outcome {
	try := &tries{bo: newBackoff(), kb: kb, edit: edit}
	for {
		if res, ok := a.awaitTurn(ctx, out); !ok {
			return res
		}
		err := do(ctx, try.kb)
		if err == nil {
			a.meter.Out()
			return sent
		}
		if res, done := a.afterFailure(ctx, out, try, err); done {
			return res
		}
	}
}

// tries is what attempt carries from one try of a request to the next.
type tries struct {
	bo      retry.Backoff
	retries int
	kb      *tgbotapi.InlineKeyboardMarkup // dropped when Telegram refuses the buttons
	edit    bool                           // the request edits a message in place
}

// awaitTurn waits until the reply may be sent: the chat (followed through a migration) has
// not blocked the bot, its pacing allows it, and Telegram's overall rate has room. ok is
// false with the outcome when the reply is not to be sent.
func (a *Adapter) awaitTurn(ctx context.Context, out *outgoing) (outcome, bool) {
	out.chatID = a.currentChat(out.chatID)
	if a.isForbidden(out.chatID) {
		return dropped, false
	}
	now := a.now()
	wait, ok := a.pacer.reserveAt(now, out.chatID, out.group, a.cfg.MaxReplyAge-now.Sub(out.born))
	if !ok && a.tooOld(out, wait) {
		return dropped, false
	}
	if err := a.sleep(ctx, wait); err != nil {
		return a.stoppedWaiting(out), false
	}
	return a.waitGate(ctx, out)
}

// afterFailure deals with a failed try by its class: done with the outcome, or not done when
// the request is to be tried again (after any wait it needs).
func (a *Adapter) afterFailure(ctx context.Context, out *outgoing, try *tries, err error) (outcome, bool) {
	class := classify(err)
	if class != classCanceled && class != classNotModified {
		a.countError(err)
	}
	switch class {
	case classFlood:
		return a.waitFlood(ctx, out, err)
	case classParse:
		return parseError, true
	case classNotModified:
		return sent, true // the message already shows this reply
	case classEditGone:
		if try.edit {
			return editGone, true
		}
		a.log.Warn("Telegram refused the reply", "chat", out.chatID, "err", a.red.Error(err))
		return refused, true
	case classMigrated:
		e, _ := apiError(err)
		a.log.Info("group became a supergroup; following it", "from", out.chatID, "to", e.MigrateToChatID)
		a.recordMigration(out.chatID, e.MigrateToChatID)
		// The quoted question stays in the old group; the reply goes out unquoted.
		out.replyTo = 0
		return editGone, try.edit
	case classForbidden:
		a.markForbidden(out.chatID, err)
		return dropped, true
	case classCanceled:
		return abandoned, true
	case classRetry:
		return a.waitRetry(ctx, out, try, err)
	}
	// Unauthorized, conflict or another 4xx: this request will not work as it is.
	if try.kb != nil && strings.Contains(strings.ToLower(err.Error()), "button") {
		// BUTTON_DATA_INVALID and the like: the answer matters more than its buttons.
		a.log.Warn("Telegram refused the buttons; sending the reply without them", "chat", out.chatID, "err", a.red.Error(err))
		try.kb = nil
		return sent, false
	}
	a.log.Warn("Telegram refused the reply", "chat", out.chatID, "err", a.red.Error(err))
	return refused, true
}

// waitFlood honours a 429's retry_after for the whole chat, unless the reply would be too
// old by then.
func (a *Adapter) waitFlood(ctx context.Context, out *outgoing, err error) (outcome, bool) {
	e, _ := apiError(err)
	retryAfter := time.Duration(max(e.RetryAfter, 1)) * time.Second
	a.pacer.delay(a.now(), out.chatID, retryAfter)
	if a.tooOld(out, retryAfter) {
		return dropped, true
	}
	a.log.Info("flood limit: waiting before resending", "chat", out.chatID, "retry_after", retryAfter)
	if err := a.sleep(ctx, retryAfter); err != nil {
		return a.stoppedWaiting(out), true
	}
	return sent, false
}

// waitRetry backs off before trying a network error or a 5xx again, up to max_retries.
func (a *Adapter) waitRetry(ctx context.Context, out *outgoing, try *tries, err error) (outcome, bool) {
	try.retries++
	if try.retries > a.cfg.MaxRetries {
		a.log.Error("giving up on a reply after retries", "chat", out.chatID, "retries", a.cfg.MaxRetries, "err", a.red.Error(err))
		a.meter.Dropped()
		return dropped, true
	}
	wait := try.bo.Next()
	if a.tooOld(out, wait) {
		return dropped, true
	}
	a.log.Warn("sending failed; retrying", "chat", out.chatID, "retry_in", wait.Round(time.Millisecond), "err", a.red.Error(err))
	if err := a.sleep(ctx, wait); err != nil {
		return a.stoppedWaiting(out), true
	}
	return sent, false
}

// waitGate waits for the reply's turn at Telegram's overall rate, for at most what is left
// of max_reply_age: a reply that would arrive older is dropped, a stop leaves it for the
// next start.
func (a *Adapter) waitGate(ctx context.Context, out *outgoing) (outcome, bool) {
	deadline := out.born.Add(a.cfg.MaxReplyAge)
	wctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	if err := a.gate.wait(wctx, out.chatID); err != nil {
		if ctx.Err() != nil {
			return a.stoppedWaiting(out), false
		}
		a.log.Warn("dropping a reply: Telegram's overall rate had no room for it in time", "chat", out.chatID,
			"max_reply_age", a.cfg.MaxReplyAge)
		a.meter.Dropped()
		return dropped, false
	}
	return sent, true
}

// stoppedWaiting gives up a reply that was still waiting (for the pace, retry_after or a
// retry) when the shutdown timeout ran out. Its update stays in the inbox, so the next start
// answers it; since completion is tracked per update, no other update is answered again.
func (a *Adapter) stoppedWaiting(out *outgoing) outcome {
	a.log.Warn("stopping: leaving a reply still waiting to be sent for the next start", "chat", out.chatID,
		"age", a.now().Sub(out.born).Round(time.Second))
	return abandoned
}

// tooOld reports (and logs) a reply that would be older than max_reply_age once it has
// waited for wait: such a reply is dropped rather than queued forever.
func (a *Adapter) tooOld(out *outgoing, wait time.Duration) bool {
	age := a.now().Sub(out.born) + wait
	if age <= a.cfg.MaxReplyAge {
		return false
	}
	a.log.Warn("dropping a stale reply", "chat", out.chatID, "age", age.Round(time.Second), "max_reply_age", a.cfg.MaxReplyAge)
	a.meter.Dropped()
	return true
}

// request performs one sendMessage or editMessageText.
func (a *Adapter) request(ctx context.Context, out *outgoing, text, mode string, kb *tgbotapi.InlineKeyboardMarkup, edit bool) error {
	api := a.api(ctx)
	if edit {
		cfg := tgbotapi.EditMessageTextConfig{
			BaseEdit: tgbotapi.BaseEdit{ChatID: out.chatID, MessageID: out.editID, InlineMessageID: out.inlineID,
				ReplyMarkup: kb},
			Text: text, ParseMode: mode, DisableWebPagePreview: true,
		}
		if out.inlineID != "" {
			cfg.ChatID, cfg.MessageID = 0, 0
		}
		_, err := api.Request(cfg)
		return err
	}
	msg := tgbotapi.NewMessage(out.chatID, text)
	msg.ParseMode = mode
	msg.DisableWebPagePreview = true
	if out.group && out.replyTo != 0 {
		msg.ReplyToMessageID = out.replyTo
		// The question may have been deleted meanwhile; answer anyway.
		msg.AllowSendingWithoutReply = true
	}
	if kb != nil {
		msg.ReplyMarkup = *kb
	}
	_, err := api.Send(msg)
	return err
}

// markForbidden records a chat that blocked or removed the bot, logging it once.
func (a *Adapter) markForbidden(chatID int64, err error) {
	a.mu.Lock()
	first := !a.forbidden[chatID]
	a.forbidden[chatID] = true
	a.mu.Unlock()
	if first {
		a.log.Info("the bot may not write to this chat (blocked, removed or muted); dropping its replies",
			"chat", chatID, "err", a.red.Error(err))
	}
}

// isForbidden reports a chat known to refuse the bot. The mark is lifted when the chat writes
// to the bot again (see clearForbidden), since that means it was unblocked or re-added.
func (a *Adapter) isForbidden(chatID int64) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.forbidden[chatID]
}

func (a *Adapter) clearForbidden(chatID int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.forbidden, chatID)
}

// keyboard turns the reply's buttons into an inline keyboard. Button data rides in the
// callback data when it fits Telegram's 64 bytes; longer data is kept here under a short key.
func (a *Adapter) keyboard(rows [][]bot.Button) *tgbotapi.InlineKeyboardMarkup {
	var kb tgbotapi.InlineKeyboardMarkup
	for _, row := range rows {
		var out []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			label := chattext.Clean(b.Label)
			data := chattext.Clean(b.Data)
			if label == "" {
				label = data
			}
			if label == "" || data == "" {
				continue
			}
			if len(data) > 64 || !utf8.ValidString(data) || strings.HasPrefix(data, callbackPrefix) {
				data = a.buttons.put(data)
			}
			out = append(out, tgbotapi.NewInlineKeyboardButtonData(label, data))
		}
		if len(out) > 0 {
			kb.InlineKeyboard = append(kb.InlineKeyboard, out)
		}
	}
	if len(kb.InlineKeyboard) == 0 {
		return nil
	}
	return &kb
}
