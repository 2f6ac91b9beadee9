"""The findings site: the findings database published with datasette, embargoes respected."""
