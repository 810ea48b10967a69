//! PETRARCH's unit-test records (to be completed).
