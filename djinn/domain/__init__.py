"""The rules of each resource (builds, namespaces, cron, images, ...), the
entity serializers, webhook events, and authentication (auth/)."""
