package telegram

import (
	"context"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/address"
	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// Telegram's service accounts: the sender of anonymous group-admin messages, and the
// sender of posts automatically forwarded from a linked channel.
const (
	anonymousAdminID  = 1087968824
	telegramServiceID = 777000
	// channelBotID sends the messages a user posts in a group on behalf of one of their channels.
	channelBotID = 136817688
)

// skip reasons, logged at debug level: every ignored update is ignored on purpose.
const (
	skipNoText       = "no text or caption"
	skipFromBot      = "sent by a bot"
	skipOtherBot     = "command for another bot"
	skipChatter      = "not addressed to the bot"
	skipOwnInline    = "our own inline result"
	skipAutoForward  = "automatic forward from a linked channel"
	skipService      = "service message"
	skipEdited       = "edited message"
	skipUnknownChat  = "unknown chat"
	skipUnknownEvent = "update kind the bot does not use"
)

// incoming is a Telegram message turned into the bot's message, with what the reply needs.
type incoming struct {
	msg       bot.Message
	chatID    int64
	messageID int
	userID    int64 // the human sender, 0 for anonymous admins and channels
	group     bool  // group or supergroup: replies quote the question and group pacing applies
}

// toIncoming turns a message into the bot's message, or returns why it is skipped. The
// addressing policy is address.Mark's; this function only reads Telegram's signals for it:
// in groups a command for this bot (/ask, /ask@ThisBot, never /ask@OtherBot), a mention of
// it (entities, UTF-16 offsets) or a reply to its messages. Captions count like text;
// stickers, photos without a caption and other media are not questions.
func (a *Adapter) toIncoming(m *tgbotapi.Message) (*incoming, string) {
	if skip := a.skipReason(m); skip != "" {
		return nil, skip
	}
	text, entities := m.Text, m.Entities
	if text == "" {
		text, entities = m.Caption, m.CaptionEntities
	}
	if strings.TrimSpace(text) == "" {
		return nil, skipNoText
	}
	kind, ok := chatKind(m.Chat.Type)
	if !ok {
		return nil, skipUnknownChat
	}
	text, signals, skip := a.addressing(m, text, entities)
	if skip != "" {
		return nil, skip
	}
	in := &incoming{chatID: m.Chat.ID, messageID: m.MessageID, group: kind == bot.Group}
	in.msg.ChatKind = kind
	if !address.Mark(&in.msg, signals) {
		return nil, skipChatter
	}
	in.msg.Platform = "telegram"
	in.msg.ChatID = strconv.FormatInt(m.Chat.ID, 10)
	in.msg.Text = text
	setSender(in, m)
	return in, ""
}

// chatKind maps Telegram's chat types to the bot's; other types are skipped.
func chatKind(t string) (bot.ChatKind, bool) {
	switch t {
	case "private":
		return bot.Private, true
	case "group", "supergroup":
		return bot.Group, true
	case "channel":
		return bot.Channel, true
	}
	return 0, false
}

// skipReason is why a message is not a question whatever its text: a service message (a
// group's migration, which is recorded on the way), an automatic forward, a bot's message,
// or the bot's own inline result coming back.
func (a *Adapter) skipReason(m *tgbotapi.Message) string {
	switch {
	case m.Chat == nil:
		return skipUnknownChat
	case m.MigrateToChatID != 0:
		a.recordMigration(m.Chat.ID, m.MigrateToChatID)
		return skipService
	case m.IsAutomaticForward || (m.From != nil && m.From.ID == telegramServiceID):
		return skipAutoForward
	case m.From != nil && m.From.IsBot && !anonymousAdmin(m) && !onBehalf(m):
		return skipFromBot
	case m.ViaBot != nil && m.ViaBot.ID == a.me.ID:
		return skipOwnInline
	}
	return ""
}

// anonymousAdmin: a group admin writing as the group.
func anonymousAdmin(m *tgbotapi.Message) bool {
	return m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID
}

// onBehalf: a person writing as a group or a channel comes through one of Telegram's bot
// accounts; they are people, not bots.
func onBehalf(m *tgbotapi.Message) bool {
	return m.SenderChat != nil && m.From != nil && (m.From.ID == anonymousAdminID || m.From.ID == channelBotID)
}

// addressing reads how the message addresses the bot and returns its text with the bot's
// mentions and the command's @ThisBot suffix removed. A command for another bot is skipped.
func (a *Adapter) addressing(m *tgbotapi.Message, text string, entities []tgbotapi.MessageEntity) (string, address.Signals, string) {
	var s address.Signals
	var cut []byteRange   // spans to remove from the text (mentions of the bot)
	var rewrite byteRange // the command entity, to drop its @ThisBot suffix
	command := ""
	if len(entities) > 0 && entities[0].Type == "bot_command" && entities[0].Offset == 0 {
		if start, end, ok := utf16Range(text, 0, entities[0].Length); ok {
			name, at, hasAt := strings.Cut(text[start:end], "@")
			if hasAt && !strings.EqualFold(at, a.me.UserName) {
				return "", s, skipOtherBot
			}
			command = name
			rewrite = byteRange{start, end}
			s.Command = true
		}
	}
	for _, ent := range entities {
		if r, ok := a.mentionOfMe(text, ent); ok {
			cut = append(cut, r)
			s.Mention = true
		}
	}
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == a.me.ID {
		s.ReplyToBot = true
	}
	return rebuildText(text, rewrite, command, cut), s, ""
}

// mentionOfMe is where ent mentions the bot, by @username or as a text mention.
func (a *Adapter) mentionOfMe(text string, ent tgbotapi.MessageEntity) (byteRange, bool) {
	switch {
	case ent.Type == "mention":
		s, e, ok := utf16Range(text, ent.Offset, ent.Length)
		if ok && strings.EqualFold(text[s:e], "@"+a.me.UserName) {
			return byteRange{s, e}, true
		}
	case ent.Type == "text_mention" && ent.User != nil && ent.User.ID == a.me.ID:
		if s, e, ok := utf16Range(text, ent.Offset, ent.Length); ok {
			return byteRange{s, e}, true
		}
	}
	return byteRange{}, false
}

// setSender fills in who wrote the message, and whether they administer the chat when
// Telegram tells without a lookup.
func setSender(in *incoming, m *tgbotapi.Message) {
	switch {
	case anonymousAdmin(m):
		in.msg.UserID = strconv.FormatInt(m.SenderChat.ID, 10)
		in.msg.UserName = m.SenderChat.Title
		in.msg.IsAdmin = true
	case onBehalf(m): // posted in a group on behalf of a channel
		in.msg.UserID = strconv.FormatInt(m.SenderChat.ID, 10)
		in.msg.UserName = m.SenderChat.Title
	case m.From != nil:
		in.userID = m.From.ID
		in.msg.UserID = strconv.FormatInt(m.From.ID, 10)
		in.msg.UserName = displayName(m.From)
		in.msg.LocaleHint = m.From.LanguageCode
		in.msg.IsAdmin = in.msg.ChatKind == bot.Private
	case m.SenderChat != nil: // a channel post, or a message sent on behalf of a channel
		in.msg.UserID = strconv.FormatInt(m.SenderChat.ID, 10)
		in.msg.UserName = m.SenderChat.Title
		// Only a channel's admins can post in it.
		in.msg.IsAdmin = in.msg.ChatKind == bot.Channel
	}
}

func displayName(u *tgbotapi.User) string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.UserName
	}
	return name
}

type byteRange struct{ start, end int }

// rebuildText removes the bot's mentions and the command's @suffix, then tidies the
// separators a leading mention leaves behind ("@bot, what is…" -> "what is…").
func rebuildText(text string, command byteRange, name string, cuts []byteRange) string {
	var b strings.Builder
	pos := 0
	if command.end > 0 {
		b.WriteString(name)
		pos = command.end
	}
	for _, c := range cuts {
		if c.start < pos {
			continue
		}
		b.WriteString(text[pos:c.start])
		pos = c.end
	}
	b.WriteString(text[pos:])
	out := b.String()
	if len(cuts) > 0 {
		out = strings.Join(strings.Fields(out), " ")
		if command.end == 0 {
			out = strings.TrimLeft(out, ",:;!. ")
		}
	}
	return strings.TrimSpace(out)
}

// utf16Range turns an entity's UTF-16 offset and length into byte offsets in s. Telegram
// counts entities in UTF-16 code units, Go strings are UTF-8: an emoji before a mention is
// one rune, two code units and four bytes.
func utf16Range(s string, offset, length int) (start, end int, ok bool) {
	if offset < 0 || length <= 0 {
		return 0, 0, false
	}
	u, start := 0, -1
	for i, r := range s {
		if u == offset {
			start = i
		}
		if start >= 0 && u == offset+length {
			return start, i, true
		}
		if u > offset+length {
			return 0, 0, false
		}
		u += chattext.RuneUnits(r)
	}
	if start >= 0 && u == offset+length {
		return start, len(s), true
	}
	return 0, 0, false
}

// isAdmin asks Telegram whether a user administers a group (cached for a few minutes).
// A failed lookup counts as "not an admin": admin-only commands then say so politely.
func (a *Adapter) isAdmin(ctx context.Context, chatID, userID int64) bool {
	if admin, ok := a.admins.get(a.now(), chatID, userID); ok {
		return admin
	}
	member, err := a.api(ctx).GetChatMember(tgbotapi.GetChatMemberConfig{
		ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: userID}})
	if err != nil {
		a.log.Warn("cannot check admin rights", "chat", chatID, "err", a.red.Error(err))
		return false
	}
	admin := member.IsCreator() || member.IsAdministrator()
	a.admins.put(a.now(), chatID, userID, admin)
	return admin
}

// recordMigration remembers that a group became a supergroup: replies still on their way to
// the old id go to the new one.
func (a *Adapter) recordMigration(from, to int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.migrated[from] = to
}

func (a *Adapter) currentChat(id int64) int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i := 0; i < 4; i++ { // a chat migrates at most once; the bound only guards a cycle
		to, ok := a.migrated[id]
		if !ok {
			break
		}
		id = to
	}
	return id
}
