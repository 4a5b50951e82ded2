"""The layout model every reader fills and every extractor reads (see ``model``)."""
