package telegram

import (
	"bytes"
	"image/png"
	"mime/multipart"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

// multipartFields flattens an upload's fields into a form; each file is recorded as
// "<field>.bytes" (its content) and "<field>.name".
func multipartFields(m *multipart.Form) url.Values {
	v := url.Values{}
	for k, vals := range m.Value {
		v[k] = append([]string(nil), vals...)
	}
	for k, files := range m.File {
		for _, fh := range files {
			f, err := fh.Open()
			if err != nil {
				continue
			}
			var buf bytes.Buffer
			buf.ReadFrom(f)
			f.Close()
			v.Set(k+".bytes", buf.String())
			v.Set(k+".name", fh.Filename)
		}
	}
	return v
}

func TestTimelineChartSentAsPhoto(t *testing.T) {
	b := theBrain(t)
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	chat := int64(701)
	person := user(chat, "id")

	want := probe(b, bot.Private, "/linimasa grafik 2013-2021", "id", false)
	if want == nil || want.Image == nil {
		t.Fatalf("the bot drew no chart: %+v", want)
	}
	f.push(message(chat, person, "/linimasa grafik 2013-2021"))
	f.waitFor("a photo", func() bool { return len(f.callsOfLocked("sendPhoto")) > 0 })
	p := f.callsOf("sendPhoto")[0]
	if p.Get("chat_id") != strconv.FormatInt(chat, 10) {
		t.Errorf("photo sent to chat %s", p.Get("chat_id"))
	}
	cfg, err := png.DecodeConfig(strings.NewReader(p.Get("photo.bytes")))
	if err != nil || cfg.Width < 600 {
		t.Fatalf("photo is not a PNG at least 600 px wide: %v %dx%d", err, cfg.Width, cfg.Height)
	}
	if !strings.HasSuffix(p.Get("photo.name"), ".png") {
		t.Errorf("photo file name %q", p.Get("photo.name"))
	}
	if p.Get("parse_mode") != "HTML" || !strings.Contains(visible(p.Get("caption")), "Linimasa 2013–2021") {
		t.Errorf("caption %q (mode %q) lacks the title", p.Get("caption"), p.Get("parse_mode"))
	}
	if !strings.Contains(p.Get("reply_markup"), "callback_data") {
		t.Errorf("the photo lacks its list button: %s", p.Get("reply_markup"))
	}
	if n := len(f.sent(chat)); n != 0 {
		t.Errorf("%d text messages besides the photo", n)
	}
}

func TestEmptyChartRangeIsText(t *testing.T) {
	b := theBrain(t)
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	chat := int64(702)
	f.push(message(chat, user(chat, "en"), "/timeline chart 1950"))
	got := waitSent(f, chat, 1)[0]
	if !strings.Contains(visible(got.Get("text")), "No events") {
		t.Errorf("empty range reply: %q", got.Get("text"))
	}
	if n := len(f.callsOf("sendPhoto")); n != 0 {
		t.Errorf("%d photos for an empty range", n)
	}
}

// TestButtonUnderThePhoto: "As a list" under the chart cannot edit a photo into text;
// the list comes as a new message.
func TestButtonUnderThePhoto(t *testing.T) {
	b := theBrain(t)
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	chat := int64(703)
	person := user(chat, "en")
	f.push(message(chat, person, "/timeline chart 2015"))
	f.waitFor("a photo", func() bool { return len(f.callsOfLocked("sendPhoto")) > 0 })
	buttons := callbackButtons(t, url.Values{"reply_markup": {f.callsOf("sendPhoto")[0].Get("reply_markup")}})
	if len(buttons) != 1 {
		t.Fatalf("buttons under the photo: %+v", buttons)
	}
	f.fail("editMessageText", failure{code: 400, description: "Bad Request: there is no text in the message to edit"})
	f.push(callback("cb-photo", person, chat, 5000, *buttons[0].CallbackData))
	got := waitSent(f, chat, 1)[0]
	if !strings.Contains(visible(got.Get("text")), "2015") {
		t.Errorf("the list: %q", got.Get("text"))
	}
}
