"""An Tâm: a survivor-referral chatbot for women and girls in Viet Nam facing gender-based
violence."""
