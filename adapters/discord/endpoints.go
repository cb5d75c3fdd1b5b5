package discord

import (
	"fmt"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// discordgo keeps its REST and gateway URLs in package-level variables, several of them
// strings concatenated once at package init, so they do not follow a changed EndpointAPI.
// That global state is forced on us by the library: we set every API-derived variable
// exactly once per process, and refuse a second, different base URL instead of racing
// with sessions that read them.
var endpoints struct {
	once sync.Once
	base string
}

// useAPIBase points discordgo at base (ending in "/"). The first call wins; later calls
// with the same base are no-ops and with another base an error.
func useAPIBase(base string) error {
	endpoints.once.Do(func() {
		endpoints.base = base
		setEndpoints(base)
	})
	if endpoints.base != base {
		return fmt.Errorf("discord.api_url %q: this process already talks to %q (discordgo's endpoints are global)", base, endpoints.base)
	}
	return nil
}

func setEndpoints(base string) {
	api := base + "api/v" + discordgo.APIVersion + "/"
	discordgo.EndpointDiscord = base
	discordgo.EndpointAPI = api
	discordgo.EndpointGuilds = api + "guilds/"
	discordgo.EndpointChannels = api + "channels/"
	discordgo.EndpointUsers = api + "users/"
	discordgo.EndpointGateway = api + "gateway"
	discordgo.EndpointGatewayBot = discordgo.EndpointGateway + "/bot"
	discordgo.EndpointWebhooks = api + "webhooks/"
	discordgo.EndpointStickers = api + "stickers/"
	discordgo.EndpointStageInstances = api + "stage-instances"
	discordgo.EndpointSKUs = api + "skus"
	discordgo.EndpointVoice = api + "/voice/"
	discordgo.EndpointVoiceRegions = discordgo.EndpointVoice + "regions"
	discordgo.EndpointNitroStickersPacks = api + "/sticker-packs"
	discordgo.EndpointGuildCreate = api + "guilds"
	discordgo.EndpointApplications = api + "applications"
	discordgo.EndpointOAuth2 = api + "oauth2/"
	discordgo.EndpointOAuth2Applications = discordgo.EndpointOAuth2 + "applications"
	discordgo.EndpointOauth2 = discordgo.EndpointOAuth2
	discordgo.EndpointOauth2Applications = discordgo.EndpointOAuth2Applications
}
