"""The channel-neutral conversation core: events in, actions out. Never imports telegram."""
