package console

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

// saveImage writes a reply's picture into dir (the system's temporary directory when
// empty) under a cyberdiplo-charts folder and returns its path.
func saveImage(dir string, img *bot.Image) (string, error) {
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "cyberdiplo-charts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("console: saving the picture: %w", err)
	}
	name := filepath.Base(img.Name) // the bot names it; never let a name leave dir
	if name == "." || name == string(filepath.Separator) || strings.HasPrefix(name, "..") {
		name = "image.png"
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, img.Data, 0o644); err != nil {
		return "", fmt.Errorf("console: saving the picture: %w", err)
	}
	return path, nil
}

// render is Render plus, for a reply with a picture, the path of the file it was
// written to (or why it could not be).
func (c *Console) render(r *bot.Reply) string {
	s := Render(r)
	if r.Image == nil {
		return s
	}
	path, err := saveImage(c.opts.ImageDir, r.Image)
	if err != nil {
		return s + "\n" + err.Error()
	}
	return s + fmt.Sprintf("\n%s (%d×%d PNG)", path, r.Image.Width, r.Image.Height)
}
