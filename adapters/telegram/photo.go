package telegram

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/bot/chart"
)

// Telegram's bounds on a photo: 10 MB, width plus height at most 10000 px; a caption of
// 1024 UTF-16 units. A larger picture is scaled down, never refused.
const maxCaptionUnits = 1024

var photoLimits = chart.Limits{MaxSides: 10000, MaxBytes: 10 << 20}

// sendPhoto sends a reply's picture as a photo, the reply's text as its caption (links
// included: the "read more" to the web timeline when the companion is configured) and
// its buttons under it. A button press gets a new message: a text cannot be edited into
// a photo. It returns refused when the picture cannot be sent, so that the caller falls
// back to the text.
func (a *Adapter) sendPhoto(ctx context.Context, out *outgoing) outcome {
	img := out.reply.Image
	data, _, _, err := chart.Fit(img.Data, photoLimits)
	if err != nil {
		a.log.Warn("the reply's picture cannot be sent; sending the text", "chat", out.chatID, "err", err)
		return refused
	}
	caption := ""
	if parts := renderDoc(out.reply).split(maxCaptionUnits); len(parts) > 0 {
		caption = parts[0].html()
	}
	photoOut := *out
	photoOut.editID, photoOut.inlineID = 0, ""
	send := func(caption, mode string) outcome {
		return a.attempt(ctx, &photoOut, a.keyboard(out.reply.Buttons), false, func(ctx context.Context, kb *tgbotapi.InlineKeyboardMarkup) error {
			p := tgbotapi.NewPhoto(photoOut.chatID, tgbotapi.FileBytes{Name: img.Name, Bytes: data})
			p.Caption, p.ParseMode = caption, mode
			if photoOut.group && photoOut.replyTo != 0 {
				p.ReplyToMessageID = photoOut.replyTo
				p.AllowSendingWithoutReply = true
			}
			if kb != nil {
				p.ReplyMarkup = *kb
			}
			_, err := a.api(ctx).Send(p)
			return err
		})
	}
	res := send(caption, tgbotapi.ModeHTML)
	if res == parseError {
		plain := splitPlain(renderDoc(out.reply).plain(), maxCaptionUnits)
		if len(plain) == 0 {
			plain = []string{""}
		}
		res = send(plain[0], "")
	}
	out.chatID = photoOut.chatID // a migration followed while sending
	return res
}
