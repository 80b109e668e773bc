NAME = "plugins.alpha"
