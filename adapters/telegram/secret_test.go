package telegram

import (
	"strings"
	"testing"
)

// TestTokenInTheWrongSettingNotEchoed: a token pasted into another setting is not printed
// back in the error about that setting.
func TestTokenInTheWrongSettingNotEchoed(t *testing.T) {
	const tok = "987654321:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"api_endpoint", Config{Token: tok, APIEndpoint: tok}, "api_endpoint"},
		{"api_endpoint with one %s", Config{Token: tok, APIEndpoint: "https://x.example/bot" + tok + "/%s"}, "api_endpoint"},
		{"mode", Config{Token: tok, Mode: tok}, "mode"},
		{"webhook_url", Config{Token: tok, Mode: ModeWebhook, WebhookURL: tok}, "webhook_url"},
		{"path", Config{Token: tok, Mode: ModeWebhook, WebhookURL: "https://bot.example.org/", Path: tok}, "path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newAdapter(tc.cfg, nil, nil)
			if err == nil {
				t.Fatal("accepted")
			}
			if strings.Contains(err.Error(), "AAHfiqksKZ8WmR2zSjiQ7") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q: want it to name %s and not echo the token", err, tc.want)
			}
		})
	}
}
