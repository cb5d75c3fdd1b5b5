package telegram

import (
	"context"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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

// toIncoming applies the addressing rules. It returns a skip reason when the message is not
// for the bot: in groups only commands for this bot (/ask, /ask@ThisBot, never
// /ask@OtherBot), mentions of it (entities, UTF-16 offsets) and replies to its messages count;
// in private chats every text does. Captions count like text; stickers, photos without a
// caption and other media are not questions.
func (a *Adapter) toIncoming(m *tgbotapi.Message) (*incoming, string) {
	if m.Chat == nil {
		return nil, skipUnknownChat
	}
	if m.MigrateToChatID != 0 {
		a.recordMigration(m.Chat.ID, m.MigrateToChatID)
		return nil, skipService
	}
	if m.IsAutomaticForward || (m.From != nil && m.From.ID == telegramServiceID) {
		return nil, skipAutoForward
	}
	anonymousAdmin := m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID
	// A person writing as a group (anonymous admin) or as a channel comes through one of
	// Telegram's bot accounts; they are people, not bots.
	onBehalf := m.SenderChat != nil && m.From != nil && (m.From.ID == anonymousAdminID || m.From.ID == channelBotID)
	if m.From != nil && m.From.IsBot && !anonymousAdmin && !onBehalf {
		return nil, skipFromBot
	}
	if m.ViaBot != nil && m.ViaBot.ID == a.me.ID {
		return nil, skipOwnInline
	}
	text, entities := m.Text, m.Entities
	if text == "" {
		text, entities = m.Caption, m.CaptionEntities
	}
	if strings.TrimSpace(text) == "" {
		return nil, skipNoText
	}

	in := &incoming{chatID: m.Chat.ID, messageID: m.MessageID}
	switch m.Chat.Type {
	case "private":
		in.msg.ChatKind = bot.Private
	case "group", "supergroup":
		in.msg.ChatKind = bot.Group
		in.group = true
	case "channel":
		in.msg.ChatKind = bot.Channel
	default:
		return nil, skipUnknownChat
	}

	addressed := in.msg.ChatKind == bot.Private
	var cut []byteRange   // spans to remove from the text (mentions of the bot)
	var rewrite byteRange // the command entity, to drop its @ThisBot suffix
	command := ""
	if len(entities) > 0 && entities[0].Type == "bot_command" && entities[0].Offset == 0 {
		if s, e, ok := utf16Range(text, 0, entities[0].Length); ok {
			name, at, hasAt := strings.Cut(text[s:e], "@")
			if hasAt && !strings.EqualFold(at, a.me.UserName) {
				return nil, skipOtherBot
			}
			command = name
			rewrite = byteRange{s, e}
			addressed = true
		}
	}
	for _, ent := range entities {
		switch ent.Type {
		case "mention":
			s, e, ok := utf16Range(text, ent.Offset, ent.Length)
			if ok && strings.EqualFold(text[s:e], "@"+a.me.UserName) {
				cut = append(cut, byteRange{s, e})
				addressed = true
			}
		case "text_mention":
			if ent.User != nil && ent.User.ID == a.me.ID {
				if s, e, ok := utf16Range(text, ent.Offset, ent.Length); ok {
					cut = append(cut, byteRange{s, e})
					addressed = true
				}
			}
		}
	}
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == a.me.ID {
		addressed = true
	}
	if !addressed {
		return nil, skipChatter
	}

	in.msg.Platform = "telegram"
	in.msg.ChatID = strconv.FormatInt(m.Chat.ID, 10)
	in.msg.Addressed = true
	in.msg.Text = rebuildText(text, rewrite, command, cut)
	switch {
	case anonymousAdmin:
		in.msg.UserID = strconv.FormatInt(m.SenderChat.ID, 10)
		in.msg.UserName = m.SenderChat.Title
		in.msg.IsAdmin = true
	case onBehalf: // posted in a group on behalf of a channel
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
	return in, ""
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
