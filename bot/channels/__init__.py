"""Channel adapters: each turns its platform's updates into Incoming events and back."""
