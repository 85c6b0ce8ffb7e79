const express = require('express');
const app = express();
app.get('/products', (req, res) => res.json([{ id: 1, name: 'Product A', price: 19.99 }, { id: 2, name: 'Product B', price: 9.99 }]));
app.post('/orders', (req, res) => res.json({ id: 1, userId: 1, products: [{ id: 1, quantity: 2 }, { id: 2, quantity: 1 }] }));
app.listen(process.env.PORT || 3000);
