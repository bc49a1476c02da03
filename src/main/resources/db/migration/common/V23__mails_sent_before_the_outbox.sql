-- Mails sent before the outbox (V2) were copied on the case only once they had left: V2 gave them no delivery time,
-- so the case page called every one of them "nog niet afgeleverd" and a corrected address got none of them again.
-- Every such row (no delivery key: the outbox always sets one) was delivered when it was sent. Same on H2 and PostgreSQL.
update sent_mail set delivered_at = sent_at where delivered_at is null and delivery_key is null;
